package dev.vaani.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Cloud provider settings. Keys never appear in toString. */
@Validated
@ConfigurationProperties("vaani.providers")
public record ProvidersProperties(@Valid @NotNull Deepgram deepgram, @Valid @NotNull OpenAi openai,
                                  @Valid @NotNull ElevenLabs elevenlabs, @Valid @NotNull Sarvam sarvam,
                                  @DefaultValue("deepgram") SttVendor sttVendor,
                                  @DefaultValue("elevenlabs") TtsVendor ttsVendor) {

    // A key travels as an HTTP header and a base URL as the request's address: a space or a line break (a key pasted
    // from a CRLF env file) would fail every request of every call, so start-up refuses them, naming the variable only.
    static final String KEY = "\\S*";
    static final String KEY_PROBLEM = "must not contain spaces or line breaks";
    static final String URL = "(https?|wss?)://[^\\s/?#]+(/\\S*)?";
    static final String URL_PROBLEM = "must be an absolute http(s) or ws(s) URL without spaces";

    /** cloud: always the cloud provider; offline: always the local one; auto: cloud when its key is set. */
    public enum Mode { CLOUD, OFFLINE, AUTO }

    /** Which cloud recogniser STT_PROVIDER=cloud/auto means (STT_VENDOR). */
    public enum SttVendor { DEEPGRAM, SARVAM }

    /** Which cloud synthesiser TTS_PROVIDER=cloud/auto means (TTS_VENDOR). */
    public enum TtsVendor { ELEVENLABS, SARVAM }

    /** Cloud recognition: STT_PROVIDER=cloud, or auto with the chosen vendor's key set. */
    public boolean sttCloud() {
        String key = sttVendor == SttVendor.SARVAM ? sarvam.apiKey() : deepgram.apiKey();
        return deepgram.mode() == Mode.CLOUD || deepgram.mode() == Mode.AUTO && !key.isBlank();
    }

    /** Cloud synthesis: TTS_PROVIDER=cloud, or auto with the chosen vendor's key set. */
    public boolean ttsCloud() {
        String key = ttsVendor == TtsVendor.SARVAM ? sarvam.apiKey() : elevenlabs.apiKey();
        return elevenlabs.mode() == Mode.CLOUD || elevenlabs.mode() == Mode.AUTO && !key.isBlank();
    }

    /** The environment variable holding the chosen recogniser's key, for messages and health. */
    public String sttKeyName() {
        return sttVendor == SttVendor.SARVAM ? "SARVAM_API_KEY" : "DEEPGRAM_API_KEY";
    }

    public String ttsKeyName() {
        return ttsVendor == TtsVendor.SARVAM ? "SARVAM_API_KEY" : "ELEVENLABS_API_KEY";
    }

    /** Sarvam AI (Saaras/Saarika recognition, Bulbul synthesis); see docs/providers-sarvam.md. */
    public record Sarvam(@Pattern(regexp = KEY, message = KEY_PROBLEM) @DefaultValue("") String apiKey,
                         @NotBlank @Pattern(regexp = URL, message = URL_PROBLEM)
                         @DefaultValue("https://api.sarvam.ai") String baseUrl,
                         @NotBlank @DefaultValue("saaras:v3") String sttModel,
                         @NotBlank @DefaultValue("transcribe") String sttMode,
                         @NotBlank @DefaultValue("bulbul:v3") String ttsModel,
                         @NotBlank @DefaultValue("shubh") String ttsSpeaker,
                         @NotBlank @DefaultValue("hi-IN") String language) {
        @Override
        public String toString() {
            return "Sarvam[apiKey=" + masked(apiKey) + ", baseUrl=" + baseUrl + ", sttModel=" + sttModel + ", sttMode="
                    + sttMode + ", ttsModel=" + ttsModel + ", ttsSpeaker=" + ttsSpeaker + ", language=" + language + "]";
        }
    }

    public record Deepgram(@DefaultValue("auto") Mode mode,
                           @Pattern(regexp = KEY, message = KEY_PROBLEM) @DefaultValue("") String apiKey,
                           @NotBlank @Pattern(regexp = URL, message = URL_PROBLEM)
                           @DefaultValue("wss://api.deepgram.com") String baseUrl,
                           @NotBlank @DefaultValue("nova-3") String model,
                           @NotBlank @DefaultValue("en-IN") String language) {
        public boolean useCloud() {
            return mode == Mode.CLOUD || mode == Mode.AUTO && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "Deepgram[mode=" + mode + ", apiKey=" + masked(apiKey) + ", baseUrl=" + baseUrl + ", model=" + model + "]";
        }
    }

    public record OpenAi(@DefaultValue("auto") Mode mode,
                         @Pattern(regexp = KEY, message = KEY_PROBLEM) @DefaultValue("") String apiKey,
                         @NotBlank @Pattern(regexp = URL, message = URL_PROBLEM)
                         @DefaultValue("https://api.openai.com/v1") String baseUrl,
                         @NotBlank @DefaultValue("gpt-4o-mini") String model) {
        public boolean useCloud() {
            return mode == Mode.CLOUD || mode == Mode.AUTO && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "OpenAi[mode=" + mode + ", apiKey=" + masked(apiKey) + ", baseUrl=" + baseUrl + ", model=" + model + "]";
        }
    }

    public record ElevenLabs(@DefaultValue("auto") Mode mode,
                             @Pattern(regexp = KEY, message = KEY_PROBLEM) @DefaultValue("") String apiKey,
                             @NotBlank @Pattern(regexp = URL, message = URL_PROBLEM)
                             @DefaultValue("https://api.elevenlabs.io") String baseUrl,
                             @NotBlank @DefaultValue("21m00Tcm4TlvDq8ikWAM") String voiceId,
                             @NotBlank @DefaultValue("eleven_flash_v2_5") String modelId,
                             @DefaultValue("") String hindiVoiceId) {
        public boolean useCloud() {
            return mode == Mode.CLOUD || mode == Mode.AUTO && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "ElevenLabs[mode=" + mode + ", apiKey=" + masked(apiKey) + ", baseUrl=" + baseUrl + ", voiceId=" + voiceId + "]";
        }
    }

    static String masked(String secret) {
        return secret == null || secret.isBlank() ? "" : "****";
    }
}
