package dev.vaani.platform.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written byte for byte on a socket: the request target goes out exactly as given ({@code //}, {@code /./},
 * {@code %61}, {@code ;x=1}), which no HTTP client library guarantees.
 */
final class RawHttp {

    record Response(int status, List<String> headers, String body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code method target} with the given header lines (each "Name: value"; Host is 127.0.0.1 unless one of
     * them says otherwise) and body (Content-Length added unless a header sets the length or chunking); the body is
     * written alongside reading, since the server may answer before reading it.
     */
    static Response send(int port, String method, String target, List<String> headers, byte[] body) throws IOException {
        return send(InetAddress.getLoopbackAddress(), port, method, target, headers, body);
    }

    /** As {@link #send(int, String, String, List, byte[])}, to the server's {@code address}, from this machine's. */
    static Response send(InetAddress address, int port, String method, String target, List<String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket(address, port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            if (headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            head.append("Connection: close\r\n");
            boolean explicitLength = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15)
                    || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18));
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null && !explicitLength) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        out.write(body);
                        out.flush();
                    } catch (IOException serverStoppedReading) {
                        // the server answered without reading the whole body: what some cases expect
                    }
                });
                Response response = read(socket.getInputStream());
                writer.interrupt();
                return response;
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    static Response get(int port, String target, String... headers) throws IOException {
        return send(port, "GET", target, List.of(headers), null);
    }

    static Response get(InetAddress address, int port, String target, String... headers) throws IOException {
        return send(address, port, "GET", target, List.of(headers), null);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
                if (switchedProtocols(received)) {
                    break; // a WebSocket: the connection stays open, the answer is complete
                }
            }
        } catch (java.net.SocketException reset) {
            // the server closed without reading the whole body; what it answered before is kept
        }
        byte[] all = received.toByteArray();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = headers.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")
                && h.toLowerCase(Locale.ROOT).contains("chunked"));
        return new Response(status, headers, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8));
    }

    private static boolean switchedProtocols(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        return text.startsWith("HTTP/1.1 101") && text.contains("\r\n\r\n");
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(body, i);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
