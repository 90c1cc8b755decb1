package dev.vaani.simulator;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The simulator's end of the WebSocket: reassembles fragmented text frames, serialises sends (the JDK client
 * allows one outstanding send at a time), and tells a server-initiated close from the caller hanging up.
 */
final class CallSocket {

    private static final long SEND_TIMEOUT_SECONDS = 10;
    private static final long CLOSE_WAIT_SECONDS = 3;

    private final Consumer<String> onText;
    private final Consumer<String> onMalformed;
    private final StringBuilder partial = new StringBuilder();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<String> problems = new ArrayList<>();
    private volatile WebSocket webSocket;
    private volatile boolean callerHungUp;
    private volatile boolean closedByServer;
    private volatile boolean inputClosed;
    private volatile int closeCode = -1;
    private volatile String closeReason = "";

    CallSocket(Consumer<String> onText, Consumer<String> onMalformed) {
        this.onText = onText;
        this.onMalformed = onMalformed;
    }

    void attach(WebSocket webSocket) {
        this.webSocket = webSocket;
    }

    WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket ws) {
                ws.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    onText.accept(text);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                if (last) {
                    onMalformed.accept("binary frame (Exotel expects JSON text frames)");
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closeCode = statusCode;
                closeReason = reason;
                closedByServer = !callerHungUp;
                inputClosed = true;
                closed.countDown();
                // Complete the closing handshake, as Exotel would.
                return ws.sendClose(WebSocket.NORMAL_CLOSURE, "").handle((r, e) -> null);
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                synchronized (problems) {
                    problems.add("WebSocket error: " + error);
                }
                closedByServer = !callerHungUp;
                inputClosed = true;
                closeCode = 1006; // abnormal closure: no close frame was received
                closed.countDown();
            }
        };
    }

    /** Sends one text message, waiting for it to be written; failures after the socket closed are ignored. */
    synchronized void send(String text) {
        if (inputClosed || webSocket.isOutputClosed()) {
            return;
        }
        try {
            webSocket.sendText(text, true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            synchronized (problems) {
                if (problems.stream().noneMatch(p -> p.startsWith("send failed"))) {
                    problems.add("send failed: " + e);
                }
            }
        }
    }

    /** Sends {@code stop} and closes, unless the server already closed; waits briefly for the server's close. */
    void hangUpAndClose(String stopMessage) {
        if (closedByServer || inputClosed) {
            return;
        }
        callerHungUp = true;
        send(stopMessage);
        CompletableFuture<WebSocket> close;
        synchronized (this) {
            close = webSocket.isOutputClosed() ? CompletableFuture.completedFuture(webSocket)
                    : webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "callended");
        }
        try {
            close.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                webSocket.abort();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            webSocket.abort();
        } catch (Exception e) {
            webSocket.abort();
        }
    }

    boolean closedByServer() {
        return closedByServer;
    }

    OptionalInt closeCode() {
        return closeCode < 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    String closeReason() {
        return closeReason;
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }
}
