package dev.vaani.speech.deepgram;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach Deepgram and how to tune its streaming recogniser. Null or non-positive values take the defaults, so
 * {@code new DeepgramSettings(key, null, null, null, 0, 0, null, null, null, null)} is a working configuration.
 *
 * @param apiKey             Deepgram API key; sent as {@code Authorization: Token <key>} and never logged
 * @param baseUrl            "wss://api.deepgram.com" by default; https/http bases are mapped to wss/ws, so a private
 *                           deployment or a local fake ("ws://127.0.0.1:PORT") can be used
 * @param model              "nova-3" by default
 * @param language           default language when the stream settings give none; "en-IN" by default
 * @param endpointingMs      silence (ms) after which Deepgram marks speech_final; 300 by default
 * @param utteranceEndMs     word gap (ms) for UtteranceEnd; 1000 by default (Deepgram rejects lower values)
 * @param connectTimeout     WebSocket opening handshake / HTTP connect timeout; 5 s by default
 * @param keepAliveInterval  idle time after which a KeepAlive is sent (Deepgram closes after 10 s); 4 s by default
 * @param requestTimeout     pre-recorded request timeout; 15 s by default
 * @param stallTimeout       how long a live stream may leave a WebSocket ping unanswered before it counts as stalled
 *                           (failed, to be reopened); 15 s by default
 */
public record DeepgramSettings(String apiKey, String baseUrl, String model, String language, int endpointingMs,
                               int utteranceEndMs, Duration connectTimeout, Duration keepAliveInterval,
                               Duration requestTimeout, Duration stallTimeout) {

    public static final String DEFAULT_BASE_URL = "wss://api.deepgram.com";

    public DeepgramSettings {
        baseUrl = blank(baseUrl) ? DEFAULT_BASE_URL : baseUrl.strip().replaceAll("/+$", "");
        model = blank(model) ? "nova-3" : model;
        language = blank(language) ? "en-IN" : language;
        endpointingMs = endpointingMs > 0 ? endpointingMs : 300;
        utteranceEndMs = utteranceEndMs > 0 ? utteranceEndMs : 1000;
        connectTimeout = positive(connectTimeout) ? connectTimeout : Duration.ofSeconds(5);
        keepAliveInterval = positive(keepAliveInterval) ? keepAliveInterval : Duration.ofSeconds(4);
        requestTimeout = positive(requestTimeout) ? requestTimeout : Duration.ofSeconds(15);
        stallTimeout = positive(stallTimeout) ? stallTimeout : Duration.ofSeconds(15);
    }

    /** Defaults for everything but the key. */
    public static DeepgramSettings of(String apiKey) {
        return new DeepgramSettings(apiKey, null, null, null, 0, 0, null, null, null, null);
    }

    public DeepgramSettings withBaseUrl(String url) {
        return new DeepgramSettings(apiKey, url, model, language, endpointingMs, utteranceEndMs, connectTimeout,
                keepAliveInterval, requestTimeout, stallTimeout);
    }

    public DeepgramSettings withConnectTimeout(Duration timeout) {
        return new DeepgramSettings(apiKey, baseUrl, model, language, endpointingMs, utteranceEndMs, timeout,
                keepAliveInterval, requestTimeout, stallTimeout);
    }

    public DeepgramSettings withStallTimeout(Duration timeout) {
        return new DeepgramSettings(apiKey, baseUrl, model, language, endpointingMs, utteranceEndMs, connectTimeout,
                keepAliveInterval, requestTimeout, timeout);
    }

    public DeepgramSettings withKeepAliveInterval(Duration interval) {
        return new DeepgramSettings(apiKey, baseUrl, model, language, endpointingMs, utteranceEndMs, connectTimeout,
                interval, requestTimeout, stallTimeout);
    }

    public boolean hasApiKey() {
        return !blank(apiKey);
    }

    /** The base as a WebSocket URI (wss/ws), whatever scheme it was configured with. */
    public URI webSocketBase() {
        return withScheme(Scheme.WS);
    }

    /** The base as an HTTP URI (https/http) for the pre-recorded endpoint. */
    public URI httpBase() {
        return withScheme(Scheme.HTTP);
    }

    /** Hides the key so a settings object can be logged safely. */
    @Override
    public String toString() {
        return "DeepgramSettings[baseUrl=%s, model=%s, language=%s, endpointingMs=%d, utteranceEndMs=%d, apiKey=%s]"
                .formatted(baseUrl, model, language, endpointingMs, utteranceEndMs, hasApiKey() ? "***" : "<none>");
    }

    private enum Scheme { WS, HTTP }

    private URI withScheme(Scheme wanted) {
        URI uri = URI.create(baseUrl);
        String scheme = uri.getScheme() == null ? "wss" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals("wss") || scheme.equals("https");
        String target = switch (wanted) {
            case WS -> secure ? "wss" : "ws";
            case HTTP -> secure ? "https" : "http";
        };
        return URI.create(target + baseUrl.substring(baseUrl.indexOf(':')));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
