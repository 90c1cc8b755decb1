package dev.vaani.speech.deepgram;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.UtteranceTranscriber;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * Deepgram's pre-recorded REST endpoint for one buffered utterance of raw PCM: the fallback when a live stream is lost.
 * Blocking; call it from a virtual thread.
 */
public final class DeepgramPrerecordedClient implements UtteranceTranscriber {

    private static final JsonMapper JSON = new JsonMapper();

    private final DeepgramSettings settings;
    private final HttpClient http;

    public DeepgramPrerecordedClient(DeepgramSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    /** Returns the transcript ("" for silence), or throws a {@link SpeechFailure}. */
    @Override
    public String transcribe(byte[] pcm, SpeechStreamSettings stream) {
        if (!settings.hasApiKey()) {
            throw new SpeechFailure(Kind.UNAUTHORIZED, "Deepgram API key is not configured");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(DeepgramQuery.prerecorded(settings, stream))
                    .timeout(settings.requestTimeout())
                    .header("Authorization", "Token " + settings.apiKey())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pcm))
                    .build();
        } catch (IllegalArgumentException unsendable) { // the JDK's text quotes the header: never passed on
            throw SpeechFailure.unsendableSetting("Deepgram pre-recorded");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SpeechFailure(Kind.TIMEOUT, "Deepgram pre-recorded request timed out", e);
        } catch (IOException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Deepgram pre-recorded request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Interrupted while waiting for Deepgram", e);
        }
        if (response.statusCode() / 100 != 2) {
            SpeechEvent.Failure failure = DeepgramErrors.fromStatus(response.statusCode(),
                    errorDetail(response.body(), response.headers().firstValue("dg-error").orElse(null)));
            throw new SpeechFailure(failure.kind(), failure.message());
        }
        try {
            return JSON.readTree(response.body())
                    .path("results").path("channels").path(0).path("alternatives").path(0).path("transcript")
                    .asString("").strip();
        } catch (JacksonException e) {
            throw new SpeechFailure(Kind.SERVER_ERROR, "Deepgram returned an unreadable transcript", e);
        }
    }

    /** Deepgram has two error body shapes: legacy {err_code, err_msg} and modern {category, message, details}. */
    static String errorDetail(String body, String dgErrorHeader) {
        try {
            JsonNode error = JSON.readTree(body == null ? "" : body);
            if (error != null && error.isObject()) {
                if (error.hasNonNull("err_msg")) {
                    return join(error.path("err_code").asString(null), error.path("err_msg").asString(""));
                }
                if (error.hasNonNull("message")) {
                    return join(error.path("category").asString(null),
                            join(error.path("message").asString(""), error.path("details").asString(null)));
                }
            }
        } catch (JacksonException ignored) {
            // not JSON: fall through to the header
        }
        return dgErrorHeader;
    }

    private static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + ": " + second;
    }
}
