package dev.vaani.speech.sarvam;

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
 * Sarvam streaming recognition (Saaras / Saarika) over {@code GET /speech-to-text/ws}, with the JDK WebSocket.
 * The call's language picks the language code and output mode: Hindi comes back in Devanagari, Hinglish ("multi")
 * in codemix mode. Sarvam's VAD ends each utterance and sends one final transcript for it, so this recogniser gives
 * {@code SpeechStarted} and {@code Final(text, true)} but no interim results.
 *
 * <p>{@link #open} returns at once and connects in the background; audio sent meanwhile is buffered (the most recent
 * {@value #PENDING_AUDIO_SECONDS} s), and so is audio beyond that much still on its way to a slow Sarvam. A circuit
 * breaker fails streams fast with UNAVAILABLE after repeated failed connects.
 */
public final class SarvamSpeechToText implements SpeechToText {

    static final int PENDING_AUDIO_SECONDS = 5;

    private final SarvamSettings settings;
    private final CircuitBreaker circuitBreaker;
    private final HttpClient http;
    private final ScheduledExecutorService timers;

    /** @param timers the application's provider timers (failures reported off the caller's thread) */
    public SarvamSpeechToText(SarvamSettings settings, ScheduledExecutorService timers) {
        this(settings, SpeechResilience.connectionBreaker("sarvam-stt"), timers);
    }

    public SarvamSpeechToText(SarvamSettings settings, CircuitBreaker circuitBreaker, ScheduledExecutorService timers) {
        this.settings = settings;
        this.circuitBreaker = circuitBreaker;
        this.timers = timers;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String name() {
        return "sarvam";
    }

    @Override
    public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
        int rate = streamSettings.sampleRate();
        SarvamSttStream stream = new SarvamSttStream(listener, streamSettings.callSid(), rate,
                rate * 2 * PENDING_AUDIO_SECONDS, timers, settings.readTimeout());
        if (!settings.hasApiKey()) {
            stream.failSoon(new SarvamErrors.Failure(Kind.UNAUTHORIZED, "Sarvam API key is not configured").event());
            return stream;
        }
        if (rate != 8000 && rate != 16000) {
            // Sarvam's streaming socket takes 8 kHz or 16 kHz audio; other rates would be misheard, not refused.
            stream.failSoon(new SarvamErrors.Failure(Kind.BAD_REQUEST,
                    "Sarvam streaming recognition takes 8000 or 16000 Hz audio, not " + rate).event());
            return stream;
        }
        SarvamLanguage language = SarvamLanguage.forCall(streamSettings.language(), settings);
        URI uri;
        try {
            uri = SarvamSttMessages.streamingUri(settings, language, rate);
        } catch (IllegalArgumentException notAUrl) { // failures reach the listener; open() itself never throws
            stream.failSoon(new SarvamErrors.Failure(Kind.BAD_REQUEST,
                    SpeechFailure.unsendableSettingMessage("Sarvam streaming recognition")).event());
            return stream;
        }
        stream.connect(http.newWebSocketBuilder()
                        .header("api-subscription-key", settings.apiKey())
                        .connectTimeout(settings.connectTimeout()),
                uri, circuitBreaker, cause -> connectFailure(cause).event());
        return stream;
    }

    private static SarvamErrors.Failure connectFailure(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake && handshake.getResponse() != null) {
            var response = handshake.getResponse();
            Object body = response.body();
            return SarvamErrors.fromStatus(response.statusCode(), body instanceof String text ? text : null);
        }
        return SarvamErrors.fromThrowable(cause, true);
    }
}
