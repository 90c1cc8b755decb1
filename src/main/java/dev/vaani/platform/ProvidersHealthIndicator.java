package dev.vaani.platform;

import dev.vaani.call.CallProviders;
import dev.vaani.call.VoiceDetection;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Which speech recogniser, synthesiser and conversation engine calls use, and whether each can work: a missing key
 * with no offline fallback shows here as DOWN with the reason, while the server keeps running.
 */
@Component("providers")
class ProvidersHealthIndicator implements HealthIndicator {

    private final CallProviders providers;
    private final ProvidersProperties settings;
    private final VoiceDetection voiceDetection;

    ProvidersHealthIndicator(CallProviders providers, ProvidersProperties settings, VoiceDetection voiceDetection) {
        this.providers = providers;
        this.settings = settings;
        this.voiceDetection = voiceDetection;
    }

    @Override
    public Health health() {
        boolean sttOk = !providers.speechToText().name().equals("unavailable");
        boolean ttsOk = !providers.textToSpeech().name().equals("unavailable");
        Health.Builder health = sttOk && ttsOk ? Health.up() : Health.down();
        return health
                .withDetail("speechToText", describe(providers.speechToText().name(), settings.deepgram().mode(),
                        keySet(settings.sttKeyName()), settings.sttKeyName()))
                .withDetail("textToSpeech", describe(providers.textToSpeech().name(), settings.elevenlabs().mode(),
                        keySet(settings.ttsKeyName()), settings.ttsKeyName()))
                .withDetail("conversation", describe(providers.conversation().name(), settings.openai().mode(),
                        !settings.openai().apiKey().isBlank(), "OPENAI_API_KEY"))
                // the energy fallback still runs calls, so it does not take the server DOWN; it says so here
                .withDetail("voiceActivity", voiceDetection.description())
                .build();
    }

    private boolean keySet(String keyName) {
        String key = switch (keyName) {
            case "SARVAM_API_KEY" -> settings.sarvam().apiKey();
            case "ELEVENLABS_API_KEY" -> settings.elevenlabs().apiKey();
            default -> settings.deepgram().apiKey();
        };
        return !key.isBlank();
    }

    private static String describe(String name, ProvidersProperties.Mode mode, boolean keySet, String keyName) {
        String key = keySet ? keyName + " set" : keyName + " not set";
        return name + " (mode " + mode.name().toLowerCase() + ", " + key + ")";
    }
}
