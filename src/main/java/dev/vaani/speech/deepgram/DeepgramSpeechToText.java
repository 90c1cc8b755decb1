package dev.vaani.speech.deepgram;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechResilience;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Deepgram live transcription over the JDK's {@link java.net.http.WebSocket} (no SDK: the official Java SDK is pre-1.0
 * and the wire protocol is small).
 *
 * <p>{@link #open} returns at once and connects in the background; audio sent meanwhile is buffered (the most recent
 * {@value #PENDING_AUDIO_SECONDS} s) and flushed when the socket opens. A circuit breaker guards connection attempts:
 * after repeated failures, streams fail fast with {@link Kind#UNAVAILABLE} instead of each waiting for a timeout.
 */
public final class DeepgramSpeechToText implements SpeechToText {

    static final int PENDING_AUDIO_SECONDS = 5;

    private final DeepgramSettings settings;
    private final CircuitBreaker circuitBreaker;
    private final HttpClient http;
    private final ScheduledExecutorService timers;

    /** @param timers the application's provider timers (keep-alives, failures reported off the caller's thread) */
    public DeepgramSpeechToText(DeepgramSettings settings, ScheduledExecutorService timers) {
        this(settings, SpeechResilience.connectionBreaker("deepgram"), timers);
    }

    /** Lets the application share a breaker from its {@code CircuitBreakerRegistry} (and its metrics). */
    public DeepgramSpeechToText(DeepgramSettings settings, CircuitBreaker circuitBreaker, ScheduledExecutorService timers) {
        this.settings = settings;
        this.circuitBreaker = circuitBreaker;
        this.timers = timers;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String name() {
        return "deepgram";
    }

    @Override
    public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
        int pendingLimit = streamSettings.sampleRate() * 2 * PENDING_AUDIO_SECONDS;
        DeepgramStream stream = new DeepgramStream(listener, streamSettings.callSid(), settings,
                timers, pendingLimit);
        if (!settings.hasApiKey()) {
            stream.failSoon(new SpeechEvent.Failure(Kind.UNAUTHORIZED, "Deepgram API key is not configured", false));
            return stream;
        }
        URI uri;
        try {
            uri = DeepgramQuery.streaming(settings, streamSettings);
        } catch (IllegalArgumentException notAUrl) { // failures reach the listener; open() itself never throws
            stream.failSoon(new SpeechEvent.Failure(Kind.BAD_REQUEST,
                    SpeechFailure.unsendableSettingMessage("Deepgram streaming recognition"), false));
            return stream;
        }
        stream.connect(http.newWebSocketBuilder()
                        .header("Authorization", "Token " + settings.apiKey())
                        .connectTimeout(settings.connectTimeout()),
                uri, circuitBreaker, DeepgramSpeechToText::connectFailure);
        return stream;
    }

    private static SpeechEvent.Failure connectFailure(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
            var response = handshake.getResponse();
            String detail = response.headers().firstValue("dg-error").orElse(null);
            return DeepgramErrors.fromStatus(response.statusCode(), detail);
        }
        return DeepgramErrors.fromThrowable(cause, true);
    }
}
