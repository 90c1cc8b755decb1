package dev.vaani.platform;

import dev.vaani.call.CallProviders;
import dev.vaani.call.PromptAudio;
import dev.vaani.conversation.ConversationEngine;
import dev.vaani.conversation.FallbackConversationEngine;
import dev.vaani.conversation.openai.OpenAiChatClient;
import dev.vaani.conversation.openai.OpenAiConversationEngine;
import dev.vaani.conversation.openai.OpenAiSettings;
import dev.vaani.conversation.qualification.QualificationExtractor;
import dev.vaani.conversation.scripted.ScriptedConversationEngine;
import dev.vaani.speech.FallbackSpeechToText;
import dev.vaani.speech.FallbackTextToSpeech;
import dev.vaani.speech.RecoveringSpeechToText;
import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.TextToSpeech;
import dev.vaani.speech.UnavailableSpeech;
import dev.vaani.speech.deepgram.DeepgramPrerecordedClient;
import dev.vaani.speech.deepgram.DeepgramSettings;
import dev.vaani.speech.deepgram.DeepgramSpeechToText;
import dev.vaani.speech.elevenlabs.ElevenLabsSettings;
import dev.vaani.speech.elevenlabs.ElevenLabsTextToSpeech;
import dev.vaani.speech.sarvam.SarvamPrerecordedClient;
import dev.vaani.speech.sarvam.SarvamSettings;
import dev.vaani.speech.sarvam.SarvamSpeechToText;
import dev.vaani.speech.sarvam.SarvamTextToSpeech;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Chooses each provider by configuration: cloud when its key is set (or its mode says cloud), else the offline
 * engine. Which cloud service recognises and speaks is STT_VENDOR (deepgram|sarvam) and TTS_VENDOR
 * (elevenlabs|sarvam). Logs one line per provider and reports the choice in /actuator/health.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProviderConfiguration.class);

    /**
     * The cloud providers' timers (speech keep-alives and reconnect back-off, the LLM's first-token and stream
     * deadlines): one daemon thread, stopped with the app.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService providerTimers() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("provider-timers").factory());
    }

    @Bean
    CallProviders callProviders(ProvidersProperties providers, OfflineSpeech offline,
                                ScheduledExecutorService providerTimers) {
        SpeechToText stt = speechToText(providers, offline, providerTimers);
        TextToSpeech tts = textToSpeech(providers, offline);
        ConversationEngine conversation = conversation(providers.openai(), providerTimers);
        // The offline pieces stand in when a cloud provider fails mid-call.
        // As a stand-in only when it works now: a fallback that cannot recognise would just fail a second time.
        if (providers.sttCloud() && offline.recogniserAvailable()) {
            stt = new FallbackSpeechToText(stt, offline.recogniser().get());
        }
        if (providers.ttsCloud() && offline.synthesiser().isPresent()) {
            tts = new FallbackTextToSpeech(tts, offline.synthesiser().get());
        }
        if (providers.openai().useCloud()) {
            conversation = new FallbackConversationEngine(conversation, new ScriptedConversationEngine());
        }
        log.info("Providers: speech recognition {}, speech synthesis {}, conversation {}", stt.name(), tts.name(),
                conversation.name());
        return new CallProviders(stt, tts, conversation);
    }

    private SpeechToText speechToText(ProvidersProperties providers, OfflineSpeech offline,
                                      ScheduledExecutorService timers) {
        if (providers.sttCloud() && providers.sttVendor() == ProvidersProperties.SttVendor.SARVAM) {
            SarvamSettings settings = sarvamSettings(providers.sarvam());
            if (!settings.hasApiKey()) {
                log.warn("STT_PROVIDER=cloud with STT_VENDOR=sarvam but SARVAM_API_KEY is not set: speech recognition is unavailable");
            }
            return new RecoveringSpeechToText(new SarvamSpeechToText(settings, timers),
                    new SarvamPrerecordedClient(settings), RecoveringSpeechToText.Settings.defaults(), timers);
        }
        ProvidersProperties.Deepgram deepgram = providers.deepgram();
        if (providers.sttCloud()) {
            DeepgramSettings settings = new DeepgramSettings(deepgram.apiKey(), deepgram.baseUrl(), deepgram.model(),
                    deepgram.language(), 300, 1000, null, null, null, null);
            if (deepgram.apiKey().isBlank()) {
                log.warn("STT_PROVIDER=cloud but DEEPGRAM_API_KEY is not set: speech recognition is unavailable");
            }
            return new RecoveringSpeechToText(new DeepgramSpeechToText(settings, timers),
                    new DeepgramPrerecordedClient(settings), RecoveringSpeechToText.Settings.defaults(), timers);
        }
        if (!offline.recogniserAvailable()) {
            log.warn("Speech recognition unavailable until the offline recogniser is installed (or {} is set): {}",
                    providers.sttKeyName(), offline.missing());
        }
        return offline.recogniser().orElseGet(() -> UnavailableSpeech.recogniser("no speech recogniser: set "
                + providers.sttKeyName() + " or " + offline.missing()));
    }

    private TextToSpeech textToSpeech(ProvidersProperties providers, OfflineSpeech offline) {
        if (providers.ttsCloud() && providers.ttsVendor() == ProvidersProperties.TtsVendor.SARVAM) {
            return new SarvamTextToSpeech(sarvamSettings(providers.sarvam()));
        }
        ProvidersProperties.ElevenLabs elevenlabs = providers.elevenlabs();
        if (providers.ttsCloud()) {
            return new ElevenLabsTextToSpeech(new ElevenLabsSettings(elevenlabs.apiKey(), elevenlabs.baseUrl(),
                    elevenlabs.voiceId(), elevenlabs.modelId(), null, null, null, elevenlabs.hindiVoiceId()));
        }
        return offline.synthesiser().orElseGet(() -> {
            log.warn("Speech synthesis unavailable: {} is not set and the offline synthesiser is missing",
                    providers.ttsKeyName());
            return UnavailableSpeech.synthesiser("no speech synthesiser: set " + providers.ttsKeyName());
        });
    }

    private static SarvamSettings sarvamSettings(ProvidersProperties.Sarvam sarvam) {
        return new SarvamSettings(sarvam.apiKey(), sarvam.baseUrl(), sarvam.sttModel(), sarvam.sttMode(),
                sarvam.ttsModel(), sarvam.ttsSpeaker(), sarvam.language(), null, null);
    }

    private ConversationEngine conversation(ProvidersProperties.OpenAi openai, ScheduledExecutorService timers) {
        if (openai.useCloud()) {
            OpenAiSettings settings = OpenAiSettings.defaults(openai.apiKey()).withBaseUrl(openai.baseUrl())
                    .withModel(openai.model());
            QualificationExtractor extractor = new QualificationExtractor();
            return new OpenAiConversationEngine(new OpenAiChatClient(settings, timers),
                    fields -> extractor.normalise(fields).fields(), Clock.systemDefaultZone());
        }
        return new ScriptedConversationEngine();
    }

    @Bean
    PromptAudio promptAudio(ProvidersProperties settings, CallProviders providers, OfflineSpeech offline) {
        // Rendered ahead of time, so they play even when synthesis is down mid-call. With a cloud voice they are
        // rendered by the call's own chain (the cloud voice, the offline one for any line it cannot render), so the
        // apology sounds like the rest of the call and a Hindi line gets the cloud's Hindi voice.
        if (settings.ttsCloud()) {
            return new PromptAudio(providers.textToSpeech());
        }
        return new PromptAudio(offline.synthesiser().orElse(providers.textToSpeech()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void renderPrompts(ApplicationReadyEvent ready) {
        PromptAudio prompts = ready.getApplicationContext().getBean(PromptAudio.class);
        Thread.ofVirtual().name("prompt-rendering").start(() -> prompts.prepare(8000));
    }
}
