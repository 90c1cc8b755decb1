package dev.vaani.benchmark;

import com.sun.net.httpserver.HttpServer;
import dev.vaani.VaaniApplication;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark's server process: either Vaani itself ({@code server --spring.props...}) or the physical reference, a
 * bare WebSocket echo server ({@code echo}). Either way it also serves {@code GET /probe} on a second port with this
 * process's CPU time and (after a GC when {@code ?gc}) its used heap, so the harness measures the server alone.
 * Prints {@code BENCHMARK-READY <port> <probePort>} when it accepts connections.
 */
public final class BenchmarkServer {

    private BenchmarkServer() {}

    public static void main(String[] args) throws Exception {
        int port;
        if (args.length > 0 && args[0].equals("echo")) {
            port = startEcho();
        } else {
            String[] rest = args.length > 0 && args[0].equals("server") ? Arrays.copyOfRange(args, 1, args.length) : args;
            ConfigurableApplicationContext context = SpringApplication.run(VaaniApplication.class, rest);
            port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }
        int probe = startProbe();
        System.out.println("BENCHMARK-READY " + port + " " + probe);
        System.out.flush();
    }

    private static int startProbe() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/probe", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.contains("gc")) {
                System.gc();
                System.gc();
            }
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            byte[] body = (os.getProcessCpuTime() + " " + heap + " " + Thread.activeCount())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int startEcho() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        WebSocketServer echo = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) { }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) { }

            @Override
            public void onMessage(WebSocket conn, String message) {
                conn.send(message);
            }

            @Override
            public void onMessage(WebSocket conn, ByteBuffer message) {
                conn.send(message);
            }

            @Override
            public void onError(WebSocket conn, Exception ex) { }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        echo.setReuseAddr(true);
        echo.setConnectionLostTimeout(0);
        echo.start();
        started.await();
        return echo.getPort();
    }
}
