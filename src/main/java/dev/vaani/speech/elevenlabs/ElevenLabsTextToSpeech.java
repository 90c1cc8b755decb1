package dev.vaani.speech.elevenlabs;

import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechResilience;
import dev.vaani.speech.TextToSpeech;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.net.http.HttpClient;
import java.util.Set;

/**
 * ElevenLabs synthesis over the HTTP streaming endpoint, one request per sentence
 * ({@code POST /v1/text-to-speech/{voice}/stream?output_format=pcm_<rate>}), with the body read on a virtual thread
 * and handed to the sink chunk by chunk as it arrives.
 *
 * <p>Why not the stream-input WebSocket: our pipeline already cuts the LLM stream into sentences, so a request per
 * sentence reaches first audio as fast, without the WebSocket's buffering rules (chunk_length_schedule, flush,
 * inactivity timeouts). Barge-in becomes trivial, since cancelling aborts one request, and the JDK client reuses
 * connections (HTTP/1.1 keep-alive or HTTP/2) so there is no per-sentence handshake.
 *
 * <p>The call's own rate is requested, so no resampling happens. A failed request is retried (exponential backoff,
 * at most 2 retries) only while no audio has been delivered, since a retry would otherwise repeat words. A circuit
 * breaker fails requests fast with UNAVAILABLE after repeated provider failures.
 */
public final class ElevenLabsTextToSpeech implements TextToSpeech {

    /** Raw PCM rates the /stream endpoint offers (44.1 kHz needs a Pro plan). */
    static final Set<Integer> PCM_RATES = Set.of(8000, 16000, 22050, 24000, 32000, 44100, 48000);

    private final ElevenLabsSettings settings;
    private final HttpClient http;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public ElevenLabsTextToSpeech(ElevenLabsSettings settings) {
        this(settings, SpeechResilience.synthesisRetry("elevenlabs", SpeechResilience.SYNTHESIS_BACKOFF),
                SpeechResilience.synthesisBreaker("elevenlabs"));
    }

    /** Lets the application (or a test) supply its own retry and breaker, e.g. from the Resilience4j registries. */
    public ElevenLabsTextToSpeech(ElevenLabsSettings settings, Retry retry, CircuitBreaker circuitBreaker) {
        this.settings = settings;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    /** The breaker shared by every synthesis of this client (for health reporting and tests). */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    @Override
    public String name() {
        return "elevenlabs";
    }

    @Override
    public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
        return synthesize(text, null, sampleRate, sink);
    }

    @Override
    public Synthesis synthesize(String text, String language, int sampleRate, AudioSink sink) {
        ElevenLabsSynthesis synthesis = new ElevenLabsSynthesis(http, settings.forLanguage(language), retry,
                circuitBreaker, sink);
        if (!settings.hasApiKey()) {
            synthesis.failNow(new SpeechFailure(SpeechFailure.Kind.UNAUTHORIZED, "ElevenLabs API key is not configured"));
        } else if (!PCM_RATES.contains(sampleRate)) {
            synthesis.failNow(new SpeechFailure(SpeechFailure.Kind.BAD_REQUEST,
                    "ElevenLabs has no pcm_" + sampleRate + " output; supported: " + PCM_RATES));
        } else if (text == null || text.isBlank()) {
            synthesis.completeEmpty();
        } else {
            synthesis.start(text, sampleRate);
        }
        return synthesis;
    }
}
