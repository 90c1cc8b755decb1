package dev.vaani.speech.sarvam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.SpeechFailure.Kind;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.UtteranceTranscriber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Sarvam's REST recogniser ({@code POST /speech-to-text}, multipart: {@code file} as WAV, {@code model},
 * {@code language_code}, {@code mode}) for one buffered utterance: the fallback when a live stream is lost. Blocking;
 * call it from a virtual thread. Sarvam takes at most 30 s per request, which the utterance buffer already bounds.
 */
public final class SarvamPrerecordedClient implements UtteranceTranscriber {

    private static final JsonMapper JSON = new JsonMapper();

    private final SarvamSettings settings;
    private final HttpClient http;

    public SarvamPrerecordedClient(SarvamSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    @Override
    public String transcribe(byte[] pcm, SpeechStreamSettings stream) {
        if (!settings.hasApiKey()) {
            throw new SpeechFailure(Kind.UNAUTHORIZED, "Sarvam API key is not configured");
        }
        SarvamLanguage language = SarvamLanguage.forCall(stream.language(), settings);
        String boundary = "vaani-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(pcm.length + 1024);
        field(body, boundary, "model", settings.sttModel());
        field(body, boundary, "language_code", language.code());
        if (language.mode() != null) {
            field(body, boundary, "mode", language.mode());
        }
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"utterance.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n");
        body.writeBytes(wav(pcm, stream.sampleRate()));
        write(body, "\r\n--" + boundary + "--\r\n");
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(settings.http("/speech-to-text"))
                    .timeout(settings.readTimeout())
                    .header("api-subscription-key", settings.apiKey())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build();
        } catch (IllegalArgumentException unsendable) { // the JDK's text quotes the header: never passed on
            throw SpeechFailure.unsendableSetting("Sarvam speech-to-text");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SpeechFailure(Kind.TIMEOUT, "Sarvam speech-to-text request timed out", e);
        } catch (IOException e) {
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Sarvam speech-to-text request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechFailure(Kind.CONNECTION_LOST, "Interrupted while waiting for Sarvam", e);
        }
        if (response.statusCode() / 100 != 2) {
            SarvamErrors.Failure failure = SarvamErrors.fromStatus(response.statusCode(), response.body());
            throw new SpeechFailure(failure.kind(), failure.message());
        }
        try {
            return JSON.readTree(response.body()).path("transcript").asString("").strip();
        } catch (JacksonException e) {
            throw new SpeechFailure(Kind.SERVER_ERROR, "Sarvam returned an unreadable transcript", e);
        }
    }

    /** A 44-byte RIFF header in front of mono PCM16LE. */
    static byte[] wav(byte[] pcm, int sampleRate) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length);
        byte[] out = new byte[44 + pcm.length];
        System.arraycopy(header.array(), 0, out, 0, 44);
        System.arraycopy(pcm, 0, out, 44, pcm.length);
        return out;
    }

    private static void field(ByteArrayOutputStream body, String boundary, String name, String value) {
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
