package dev.vaani.speech.sarvam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.WholeTextMessages;
import java.net.http.WebSocket;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads one Sarvam synthesis socket: audio is handed on as it arrives, the final event ends the attempt, and an error
 * message, an early close or a transport error fails it. It knows Sarvam's messages and nothing of retries or
 * cancelling, which stay with {@link SarvamSynthesis}; every attempt gets a fresh reader, so a half-read message or a
 * WAV header from a failed socket never reaches the next.
 */
final class SynthesisSocketReader implements WebSocket.Listener {

    /** Where decoded audio goes; false once the sentence was cancelled, which ends the attempt. */
    @FunctionalInterface
    interface AudioDelivery {
        boolean deliver(byte[] pcm);
    }

    private final AudioDelivery delivery;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final PcmChunks pcm = new PcmChunks();
    private final WholeTextMessages messages = new WholeTextMessages();
    private volatile long lastHeard = System.nanoTime();

    SynthesisSocketReader(AudioDelivery delivery) {
        this.delivery = delivery;
    }

    /** Completes at the final event or when delivery is refused; fails with the attempt's {@link SpeechFailure}. */
    CompletableFuture<Void> done() {
        return done;
    }

    /** When the socket last sent anything, on the {@link System#nanoTime()} clock. */
    long lastHeardNanos() {
        return lastHeard;
    }

    void fail(SpeechFailure failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastHeard = System.nanoTime();
        String message = messages.add(data, last);
        if (message != null) {
            handle(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!done.isDone()) {
            fail(SarvamErrors.fromClose(statusCode, reason == null || reason.isBlank()
                    ? "closed before the final event" : reason).toSpeechFailure());
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(SarvamErrors.fromThrowable(error, false).toSpeechFailure());
    }

    private void handle(String text) {
        JsonNode message;
        try {
            message = SarvamSttMessages.parse(text);
        } catch (JacksonException e) {
            return; // not JSON: nothing we can use
        }
        JsonNode data = message.path("data");
        switch (message.path("type").asString("")) {
            case "audio" -> {
                String audio = data.path("audio").asString("");
                if (!audio.isEmpty() && !delivery.deliver(pcm.next(Base64.getDecoder().decode(audio)))) {
                    done.complete(null);
                }
            }
            case "event" -> {
                if ("final".equals(data.path("event_type").asString(""))) {
                    done.complete(null);
                }
            }
            case "error" -> fail(SarvamErrors.fromMessage(data.isObject() ? data : message).toSpeechFailure());
            default -> {
                // pong and future message types carry nothing for the call
            }
        }
    }
}
