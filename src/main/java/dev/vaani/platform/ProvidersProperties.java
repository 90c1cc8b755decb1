package dev.vaani.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Cloud provider settings. Keys never appear in toString. */
@Validated
@ConfigurationProperties("vaani.providers")
public record ProvidersProperties(@Valid @NotNull Deepgram deepgram, @Valid @NotNull OpenAi openai,
                                  @Valid @NotNull ElevenLabs elevenlabs) {

    /** cloud: always the cloud provider; offline: always the local one; auto: cloud when its key is set. */
    public enum Mode { CLOUD, OFFLINE, AUTO }

    public record Deepgram(@DefaultValue("auto") Mode mode, @DefaultValue("") String apiKey,
                           @NotBlank @DefaultValue("wss://api.deepgram.com") String baseUrl,
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

    public record OpenAi(@DefaultValue("auto") Mode mode, @DefaultValue("") String apiKey,
                         @NotBlank @DefaultValue("https://api.openai.com/v1") String baseUrl,
                         @NotBlank @DefaultValue("gpt-4o-mini") String model) {
        public boolean useCloud() {
            return mode == Mode.CLOUD || mode == Mode.AUTO && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            return "OpenAi[mode=" + mode + ", apiKey=" + masked(apiKey) + ", baseUrl=" + baseUrl + ", model=" + model + "]";
        }
    }

    public record ElevenLabs(@DefaultValue("auto") Mode mode, @DefaultValue("") String apiKey,
                             @NotBlank @DefaultValue("https://api.elevenlabs.io") String baseUrl,
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
