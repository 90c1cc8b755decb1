package dev.vaani.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a real server that can stop forwarding while keeping every connection open: the server
 * then looks hung (it accepts connections and bytes but never answers), as a PostgreSQL or Redis stopped with
 * {@code kill -STOP}, stuck on a lock or behind a broken network path does. Bytes sent meanwhile are held, in order,
 * and delivered when forwarding resumes, as the kernel would deliver them to a process that is continued.
 */
public final class StallingTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Pump> pumps = new CopyOnWriteArrayList<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private volatile boolean stalled;

    public StallingTcpProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("stalling-proxy-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing is forwarded in either direction; connections stay open and new ones are accepted. */
    public void stall() {
        stalled = true;
    }

    /** Delivers what was held, in order, and forwards again. */
    public void resume() {
        stalled = false;
        for (Pump pump : pumps) {
            try {
                pump.deliverHeld();
            } catch (IOException e) {
                closeQuietly(pump.from);
                closeQuietly(pump.to);
            }
        }
    }

    /** Bytes clients sent since the proxy stalled, not delivered yet. */
    public long heldBytes() {
        return heldBytes.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                for (Pump pump : List.of(new Pump(client, server, true), new Pump(server, client, false))) {
                    pumps.add(pump);
                    Thread.ofVirtual().start(pump::run);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One direction of one connection; while the proxy is stalled, what it reads is held. */
    private final class Pump {
        private final Socket from;
        private final Socket to;
        private final boolean fromClient;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();

        Pump(Socket from, Socket to, boolean fromClient) {
            this.from = from;
            this.to = to;
            this.fromClient = fromClient;
        }

        void run() {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    forwardOrHold(buffer, read);
                }
            } catch (IOException e) {
                // a side closed: so does the other
            } finally {
                pumps.remove(this);
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private synchronized void forwardOrHold(byte[] buffer, int length) throws IOException {
            if (stalled) {
                held.write(buffer, 0, length);
                if (fromClient) {
                    heldBytes.addAndGet(length);
                }
                return;
            }
            deliverHeld();
            OutputStream out = to.getOutputStream();
            out.write(buffer, 0, length);
            out.flush();
        }

        synchronized void deliverHeld() throws IOException {
            if (held.size() == 0) {
                return;
            }
            if (fromClient) {
                heldBytes.addAndGet(-held.size());
            }
            OutputStream out = to.getOutputStream();
            held.writeTo(out);
            out.flush();
            held.reset();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(StallingTcpProxy::closeQuietly);
    }
}
