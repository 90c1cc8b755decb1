package dev.vaani.testing;

import dev.vaani.call.CallProviders;
import dev.vaani.conversation.scripted.ScriptedConversationEngine;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Deterministic speech providers and the real scripted agent, for tests of the live call. */
@TestConfiguration(proxyBeanMethods = false)
public class TestProviders {

    @Bean
    ScriptedSpeechToText scriptedSpeechToText() {
        return new ScriptedSpeechToText();
    }

    @Bean
    ToneTextToSpeech toneTextToSpeech() {
        return new ToneTextToSpeech();
    }

    @Bean
    @Primary
    CallProviders testCallProviders(ScriptedSpeechToText stt, ToneTextToSpeech tts) {
        return new CallProviders(stt, tts, new ScriptedConversationEngine());
    }
}
