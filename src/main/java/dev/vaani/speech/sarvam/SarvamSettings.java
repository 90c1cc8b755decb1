package dev.vaani.speech.sarvam;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach Sarvam AI and which models and voice to use. Null or blank values take the defaults, so
 * {@code SarvamSettings.of(key)} is a working configuration.
 *
 * @param apiKey         sent as {@code api-subscription-key}; never logged
 * @param baseUrl        "https://api.sarvam.ai" by default; WebSocket endpoints use the same host with ws/wss, so a
 *                       local fake at "http://127.0.0.1:PORT" works for REST and WebSocket alike
 * @param sttModel       streaming recognition model: "saaras:v3" (default; has output modes) or "saarika:v2.5"
 * @param sttMode        saaras:v3 output: transcribe (native script, default), codemix (English words in Latin
 *                       script, the rest native), translit (romanised), verbatim, translate
 * @param ttsModel       "bulbul:v3" by default
 * @param ttsSpeaker     voice; "shubh" (bulbul:v3's default voice) by default
 * @param language       BCP-47 code Sarvam speaks and hears when the call gives none: "hi-IN" by default
 * @param connectTimeout TCP/TLS/WebSocket handshake timeout; 5 s by default
 * @param readTimeout    time allowed for an answer: the first audio, the REST answer, a WebSocket ping on a live
 *                       recognition stream (unanswered, the stream counts as stalled); 10 s by default
 */
public record SarvamSettings(String apiKey, String baseUrl, String sttModel, String sttMode, String ttsModel,
                             String ttsSpeaker, String language, Duration connectTimeout, Duration readTimeout) {

    public static final String DEFAULT_BASE_URL = "https://api.sarvam.ai";

    public SarvamSettings {
        baseUrl = blank(baseUrl) ? DEFAULT_BASE_URL : baseUrl.strip().replaceAll("/+$", "");
        sttModel = blank(sttModel) ? "saaras:v3" : sttModel.strip();
        sttMode = blank(sttMode) ? "transcribe" : sttMode.strip();
        ttsModel = blank(ttsModel) ? "bulbul:v3" : ttsModel.strip();
        ttsSpeaker = blank(ttsSpeaker) ? "shubh" : ttsSpeaker.strip();
        language = blank(language) ? "hi-IN" : language.strip();
        connectTimeout = positive(connectTimeout) ? connectTimeout : Duration.ofSeconds(5);
        readTimeout = positive(readTimeout) ? readTimeout : Duration.ofSeconds(10);
    }

    public static SarvamSettings of(String apiKey) {
        return new SarvamSettings(apiKey, null, null, null, null, null, null, null, null);
    }

    public SarvamSettings withBaseUrl(String url) {
        return new SarvamSettings(apiKey, url, sttModel, sttMode, ttsModel, ttsSpeaker, language, connectTimeout,
                readTimeout);
    }

    public SarvamSettings withStt(String model, String mode) {
        return new SarvamSettings(apiKey, baseUrl, model, mode, ttsModel, ttsSpeaker, language, connectTimeout,
                readTimeout);
    }

    public SarvamSettings withVoice(String model, String speaker, String languageCode) {
        return new SarvamSettings(apiKey, baseUrl, sttModel, sttMode, model, speaker, languageCode, connectTimeout,
                readTimeout);
    }

    public SarvamSettings withConnectTimeout(Duration timeout) {
        return new SarvamSettings(apiKey, baseUrl, sttModel, sttMode, ttsModel, ttsSpeaker, language, timeout,
                readTimeout);
    }

    public SarvamSettings withReadTimeout(Duration timeout) {
        return new SarvamSettings(apiKey, baseUrl, sttModel, sttMode, ttsModel, ttsSpeaker, language, connectTimeout,
                timeout);
    }

    public boolean hasApiKey() {
        return !blank(apiKey);
    }

    /** Only saaras:v3 and later take a {@code mode}; older models reject the parameter. */
    boolean sttModelHasModes() {
        return sttModel.startsWith("saaras:v3") || sttModel.startsWith("saaras:v4");
    }

    /** {@code path} under the base as a WebSocket URI (wss for https, ws for http). */
    URI webSocket(String pathAndQuery) {
        return URI.create(scheme(true) + rest() + pathAndQuery);
    }

    /** {@code path} under the base as an HTTP URI. */
    URI http(String pathAndQuery) {
        return URI.create(scheme(false) + rest() + pathAndQuery);
    }

    @Override
    public String toString() {
        return "SarvamSettings[baseUrl=%s, sttModel=%s, sttMode=%s, ttsModel=%s, ttsSpeaker=%s, language=%s, apiKey=%s]"
                .formatted(baseUrl, sttModel, sttMode, ttsModel, ttsSpeaker, language, hasApiKey() ? "***" : "<none>");
    }

    private String scheme(boolean webSocket) {
        String configured = URI.create(baseUrl).getScheme();
        String lower = configured == null ? "https" : configured.toLowerCase(Locale.ROOT);
        boolean secure = lower.equals("https") || lower.equals("wss");
        return webSocket ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
    }

    private String rest() {
        int colon = baseUrl.indexOf("://");
        return colon < 0 ? "://" + baseUrl : baseUrl.substring(colon);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
