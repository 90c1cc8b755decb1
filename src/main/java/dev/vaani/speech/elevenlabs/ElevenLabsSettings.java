package dev.vaani.speech.elevenlabs;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach ElevenLabs. Null or non-positive values take the defaults.
 *
 * @param apiKey         sent as {@code xi-api-key}; never logged
 * @param baseUrl        "https://api.elevenlabs.io" by default
 * @param voiceId        "21m00Tcm4TlvDq8ikWAM" (Rachel, a premade voice every account has) by default
 * @param modelId        "eleven_flash_v2_5" (lowest latency) by default
 * @param languageCode   ISO 639-1 hint such as "hi" or "en"; null to let the model decide
 * @param connectTimeout TCP/TLS connect timeout; 3 s by default
 * @param readTimeout    time allowed until the response starts (first byte); 10 s by default
 * @param hindiVoiceId   the voice for Hindi and Hinglish sentences; null to use {@code voiceId} for every language
 */
public record ElevenLabsSettings(String apiKey, String baseUrl, String voiceId, String modelId, String languageCode,
                                 Duration connectTimeout, Duration readTimeout, String hindiVoiceId) {

    public ElevenLabsSettings(String apiKey, String baseUrl, String voiceId, String modelId, String languageCode,
                              Duration connectTimeout, Duration readTimeout) {
        this(apiKey, baseUrl, voiceId, modelId, languageCode, connectTimeout, readTimeout, null);
    }

    public ElevenLabsSettings {
        baseUrl = blank(baseUrl) ? "https://api.elevenlabs.io" : baseUrl.strip().replaceAll("/+$", "");
        voiceId = blank(voiceId) ? "21m00Tcm4TlvDq8ikWAM" : voiceId;
        modelId = blank(modelId) ? "eleven_flash_v2_5" : modelId;
        languageCode = blank(languageCode) ? null : languageCode;
        connectTimeout = positive(connectTimeout) ? connectTimeout : Duration.ofSeconds(3);
        readTimeout = positive(readTimeout) ? readTimeout : Duration.ofSeconds(10);
        hindiVoiceId = blank(hindiVoiceId) ? null : hindiVoiceId.strip();
    }

    /**
     * The settings for one sentence in {@code language} ("hi", "hinglish", "en"; null keeps these): Hindi and
     * Hinglish get the Hindi voice when one is set, and the language hint "hi" (the multilingual models then read
     * Devanagari and Hinglish with Indian pronunciation); English gets "en".
     */
    public ElevenLabsSettings forLanguage(String language) {
        if (language == null || language.isBlank()) {
            return this;
        }
        boolean hindi = language.startsWith("hi");
        return new ElevenLabsSettings(apiKey, baseUrl, hindi && hindiVoiceId != null ? hindiVoiceId : voiceId, modelId,
                hindi ? "hi" : "en", connectTimeout, readTimeout, hindiVoiceId);
    }

    public ElevenLabsSettings withHindiVoice(String voice) {
        return new ElevenLabsSettings(apiKey, baseUrl, voiceId, modelId, languageCode, connectTimeout, readTimeout, voice);
    }

    public static ElevenLabsSettings of(String apiKey) {
        return new ElevenLabsSettings(apiKey, null, null, null, null, null, null);
    }

    public ElevenLabsSettings withBaseUrl(String url) {
        return new ElevenLabsSettings(apiKey, url, voiceId, modelId, languageCode, connectTimeout, readTimeout,
                hindiVoiceId);
    }

    public boolean hasApiKey() {
        return !blank(apiKey);
    }

    URI streamUri(int sampleRate) {
        return URI.create(baseUrl + "/v1/text-to-speech/" + voiceId + "/stream?output_format=pcm_" + sampleRate);
    }

    @Override
    public String toString() {
        return "ElevenLabsSettings[baseUrl=%s, voiceId=%s, hindiVoiceId=%s, modelId=%s, languageCode=%s, apiKey=%s]"
                .formatted(baseUrl, voiceId, hindiVoiceId, modelId, languageCode, hasApiKey() ? "***" : "<none>");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
