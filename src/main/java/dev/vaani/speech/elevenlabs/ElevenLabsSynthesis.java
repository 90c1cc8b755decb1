package dev.vaani.speech.elevenlabs;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.vaani.audio.WholeSamples;
import dev.vaani.speech.SentenceSynthesis;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.TextToSpeech;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/** One sentence in flight as one streaming request; cancel closes the response body, which aborts the exchange. */
final class ElevenLabsSynthesis extends SentenceSynthesis<InputStream> {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int READ_BUFFER = 4096;

    private final HttpClient http;
    private final ElevenLabsSettings settings;

    ElevenLabsSynthesis(HttpClient http, ElevenLabsSettings settings, Retry retry, CircuitBreaker circuitBreaker,
                        TextToSpeech.AudioSink sink) {
        super("ElevenLabs", retry, circuitBreaker, sink);
        this.http = http;
        this.settings = settings;
    }

    @Override
    protected void synthesiseOnce(String text, int sampleRate) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request(text, sampleRate), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new SpeechFailure(Kind.TIMEOUT, "ElevenLabs did not answer within " + settings.readTimeout(), e);
        } catch (IOException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "ElevenLabs request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "ElevenLabs request interrupted", e);
        }
        try (InputStream in = response.body()) {
            if (!register(in)) {
                return;
            }
            if (response.statusCode() != 200) {
                String error = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                throw ElevenLabsErrors.fromResponse(response.statusCode(), error);
            }
            WholeSamples samples = new WholeSamples();
            byte[] buffer = new byte[READ_BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !deliver(samples.next(buffer, 0, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            if (isCancelled()) {
                return;
            }
            throw new SpeechFailure(Kind.CONNECTION_LOST, "ElevenLabs audio stream broke off: " + e.getMessage(), e);
        }
    }

    private HttpRequest request(String text, int sampleRate) {
        ObjectNode json = JSON.createObjectNode().put("text", text).put("model_id", settings.modelId());
        if (settings.languageCode() != null) {
            json.put("language_code", settings.languageCode());
        }
        try {
            return HttpRequest.newBuilder(settings.streamUri(sampleRate))
                    .timeout(settings.readTimeout())
                    .header("xi-api-key", settings.apiKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
                    .build();
        } catch (IllegalArgumentException unsendable) { // a key or URL no request can carry: the sentence fails
            throw SpeechFailure.unsendableSetting("ElevenLabs synthesis");
        }
    }

    @Override
    protected void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // aborting anyway
        }
    }
}
