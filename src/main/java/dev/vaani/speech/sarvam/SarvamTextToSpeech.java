package dev.vaani.speech.sarvam;

import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechResilience;
import dev.vaani.speech.TextToSpeech;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.net.http.HttpClient;
import java.util.Set;

/**
 * Sarvam Bulbul synthesis over the streaming socket ({@code GET /text-to-speech/ws}), one socket per sentence: config
 * (language, speaker, {@code speech_sample_rate} = the call's rate, {@code linear16} output), the text, a flush; audio
 * chunks come back as they are generated and go to the sink at once, until the final event.
 *
 * <p>Telephone audio needs no resampling: Sarvam generates 8 kHz directly. A failed sentence is retried (at most 2
 * retries, exponential backoff) only while no audio was delivered; a circuit breaker fails fast with UNAVAILABLE after
 * repeated provider failures, so the fallback voice takes over without waiting.
 */
public final class SarvamTextToSpeech implements TextToSpeech {

    /** Rates the streaming socket generates (32/44.1/48 kHz are REST-only). */
    static final Set<Integer> STREAMING_RATES = Set.of(8000, 16000, 22050, 24000);

    private final SarvamSettings settings;
    private final HttpClient http;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public SarvamTextToSpeech(SarvamSettings settings) {
        this(settings, SpeechResilience.synthesisRetry("sarvam-tts", SpeechResilience.SYNTHESIS_BACKOFF),
                SpeechResilience.synthesisBreaker("sarvam-tts"));
    }

    public SarvamTextToSpeech(SarvamSettings settings, Retry retry, CircuitBreaker circuitBreaker) {
        this.settings = settings;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    @Override
    public String name() {
        return "sarvam";
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        return synthesize(settings, text, sampleRate, sink);
    }

    /**
     * In the sentence's language: English as Indian English ({@code en-IN}), Hindi and Hinglish as Hindi
     * ({@code hi-IN}: Bulbul reads code-mixed text in either script); anything else in the configured language.
     */
    @Override
    public Synthesis synthesize(String text, String language, int sampleRate, AudioSink sink) {
        String code = switch (language == null ? "" : language) {
            case "en" -> "en-IN";
            case "hi", "hinglish" -> "hi-IN";
            default -> settings.language();
        };
        return synthesize(settings.withVoice(settings.ttsModel(), settings.ttsSpeaker(), code), text, sampleRate, sink);
    }

    private Synthesis synthesize(SarvamSettings settings, String text, int sampleRate, AudioSink sink) {
        SarvamSynthesis synthesis = new SarvamSynthesis(http, settings, retry, circuitBreaker, sink);
        if (!settings.hasApiKey()) {
            synthesis.failNow(new SpeechFailure(SpeechFailure.Kind.UNAUTHORIZED, "Sarvam API key is not configured"));
        } else if (!STREAMING_RATES.contains(sampleRate)) {
            synthesis.failNow(new SpeechFailure(SpeechFailure.Kind.BAD_REQUEST,
                    "Sarvam streams speech at " + STREAMING_RATES + " Hz, not " + sampleRate));
        } else if (text == null || text.isBlank()) {
            synthesis.completeEmpty();
        } else {
            synthesis.start(text, sampleRate);
        }
        return synthesis;
    }
}
