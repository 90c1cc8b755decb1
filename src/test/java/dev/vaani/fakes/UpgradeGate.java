package dev.vaani.fakes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A TCP front door for a WebSocket fake. Java-WebSocket can only refuse an upgrade with a bare 404/500, while real
 * providers answer with their own status, headers and body (Deepgram's 401 + {@code dg-error}). The gate reads the
 * request head, either answers it itself or pipes the connection to the backend unchanged. Being in the byte path also
 * lets a test cut a connection abruptly (TCP reset, no close frame).
 */
final class UpgradeGate implements AutoCloseable {

    /** The request line and headers (names lower-cased) of an upgrade request. */
    record RequestHead(String method, String target, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What {@code rejection} returns to leave a request unanswered: the connection stays open, silent. */
    static final String NO_ANSWER = "";

    private final int backendPort;
    private final Function<RequestHead, String> rejection;
    private final Map<Integer, Socket[]> pipes = new ConcurrentHashMap<>();
    /** Backend-side ports whose client connection is reset once the backend has closed its side. */
    private final java.util.Set<Integer> resetOnBackendClose = ConcurrentHashMap.newKeySet();
    private final java.util.Set<Socket> unanswered = ConcurrentHashMap.newKeySet();
    private volatile boolean clientBytesHeld;
    private ServerSocket server;

    /**
     * {@code rejection} returns a full raw HTTP response to refuse a request, {@link #NO_ANSWER} to leave it
     * unanswered, or null to let it through.
     */
    UpgradeGate(int backendPort, Function<RequestHead, String> rejection) {
        this.backendPort = backendPort;
        this.rejection = rejection;
    }

    int start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("gate-accept").start(this::acceptLoop);
        return server.getLocalPort();
    }

    /** Resets the client connection whose pipe reaches the backend from {@code backendSidePort}. */
    void drop(int backendSidePort) {
        Socket[] pair = pipes.remove(backendSidePort);
        if (pair != null) {
            try {
                pair[0].setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing below is what matters
            }
            closeQuietly(pair[0]);
            closeQuietly(pair[1]);
        }
    }

    /**
     * Resets the client connection once the backend closes its side, after every byte the backend sent before closing
     * has been passed on: the client hears what was already on the wire, then a reset with no close frame.
     */
    void resetWhenBackendCloses(int backendSidePort) {
        resetOnBackendClose.add(backendSidePort);
    }

    /**
     * Stops (or resumes) reading what clients send, as a provider that has stalled would: the client's socket buffers
     * fill and its sends stop completing.
     */
    void holdClientBytes(boolean held) {
        clientBytesHeld = held;
    }

    @Override
    public void close() {
        closeQuietly(server);
        unanswered.forEach(UpgradeGate::closeQuietly);
        pipes.values().forEach(pair -> {
            closeQuietly(pair[0]);
            closeQuietly(pair[1]);
        });
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("gate-connection").start(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            byte[] head = readHead(client.getInputStream());
            String refusal = rejection.apply(parse(head));
            if (NO_ANSWER.equals(refusal)) {
                unanswered.add(client); // a server that accepted the connection and hangs: closed with the gate
                return;
            }
            if (refusal != null) {
                client.getOutputStream().write(refusal.getBytes(StandardCharsets.UTF_8));
                client.getOutputStream().flush();
                client.close();
                return;
            }
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            backend.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            pipes.put(backend.getLocalPort(), new Socket[] {client, backend});
            backend.getOutputStream().write(head);
            int backendSidePort = backend.getLocalPort();
            java.util.concurrent.atomic.AtomicInteger directionsOpen = new java.util.concurrent.atomic.AtomicInteger(2);
            Thread.ofVirtual().name("gate-backend-to-client").start(() -> pump(backend, client, directionsOpen,
                    () -> resetOnBackendClose.remove(backendSidePort), () -> false));
            pump(client, backend, directionsOpen, () -> false, () -> clientBytesHeld);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /**
     * Copies one direction until its source ends, then half-closes the destination, as TCP does end to end: a reply
     * the backend sent before closing still reaches the client even while the client's own bytes can no longer go in.
     * Both sockets close when both directions have ended (or at once, as a reset, when {@code resetAtEnd} says so).
     */
    private static void pump(Socket from, Socket to, java.util.concurrent.atomic.AtomicInteger directionsOpen,
                             java.util.function.BooleanSupplier resetAtEnd, java.util.function.BooleanSupplier held) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (true) {
                while (held.getAsBoolean() && !from.isClosed()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // a stalled server: nothing read
                }
                if ((n = in.read(buffer)) < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // this direction is over; the other one may still carry bytes
        }
        if (resetAtEnd.getAsBoolean()) {
            try {
                to.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // closing below is what matters
            }
            closeQuietly(from);
            closeQuietly(to);
            return;
        }
        try {
            to.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
        if (directionsOpen.decrementAndGet() == 0) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > 32_768) {
                throw new IOException("no complete request head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static RequestHead parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new RequestHead(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/", headers);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // best effort
        }
    }
}
