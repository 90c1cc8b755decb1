package dev.vaani.speech.deepgram;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/** Maps Deepgram's failure signals (HTTP status on upgrade/REST, WebSocket close codes) to typed failures. */
final class DeepgramErrors {

    private DeepgramErrors() {}

    /** A rejected upgrade or a failed REST call. {@code detail} is the dg-error header or the error body text. */
    static SpeechEvent.Failure fromStatus(int status, String detail) {
        String message = "Deepgram HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return switch (status) {
            case 401, 402, 403 -> new SpeechEvent.Failure(Kind.UNAUTHORIZED, message, false);
            case 408 -> new SpeechEvent.Failure(Kind.TIMEOUT, message, true);
            case 429 -> new SpeechEvent.Failure(Kind.RATE_LIMITED, message, true);
            default -> status >= 500
                    ? new SpeechEvent.Failure(Kind.SERVER_ERROR, message, true)
                    : new SpeechEvent.Failure(Kind.BAD_REQUEST, message, false);
        };
    }

    /** The server closed a stream we did not ask to close. */
    static SpeechEvent.Failure fromClose(int code, String reason) {
        String text = reason == null ? "" : reason;
        String message = "Deepgram closed the stream: " + code + (text.isBlank() ? "" : " " + text);
        String normalised = text.toLowerCase(Locale.ROOT).replace("-", "");
        if (normalised.contains("net0001")) {
            // No audio or KeepAlive for ~10 s: our side went quiet, a fresh stream fixes it.
            return new SpeechEvent.Failure(Kind.CONNECTION_LOST, message, true);
        }
        if (normalised.contains("data0000") || code == 1002 || code == 1008) {
            // The audio could not be decoded: reopening with the same settings would fail again.
            return new SpeechEvent.Failure(Kind.BAD_REQUEST, message, false);
        }
        if (code == 1011) {
            return new SpeechEvent.Failure(Kind.SERVER_ERROR, message, true);
        }
        return new SpeechEvent.Failure(Kind.CONNECTION_LOST, message, true);
    }

    /** A transport error while connecting or mid-stream. */
    static SpeechEvent.Failure fromThrowable(Throwable error, boolean connecting) {
        if (error instanceof IllegalArgumentException) {
            return new SpeechEvent.Failure(Kind.BAD_REQUEST, SpeechFailure.unsendableSettingMessage("Deepgram"), false);
        }
        String message = "Deepgram " + (connecting ? "connect" : "stream") + " failed: " + describe(error);
        if (error instanceof HttpTimeoutException) {
            return new SpeechEvent.Failure(Kind.TIMEOUT, message, true);
        }
        if (error instanceof IOException || !connecting) {
            return new SpeechEvent.Failure(Kind.CONNECTION_LOST, message, true);
        }
        return new SpeechEvent.Failure(Kind.SERVER_ERROR, message, true);
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : " " + error.getMessage());
    }
}
