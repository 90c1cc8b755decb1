package dev.vaani.conversation.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackchannelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"haan", "haan ji", "Haan ji.", "ji haan", "hmm", "achha", "theek hai", "ji", "okay",
            "right", "okay okay", "haan haan haan", "uh-huh", "mhm", "I see", "yes", "sure"})
    void listeningNoisesInEnglishAndHindiAreBackchannels(String transcript) {
        assertThat(Backchannels.isBackchannel(transcript)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hmmm", "hmmmmm", "haaan", "ummm", "um", "uh", "achhha"})
    void drawnOutAndHesitationSoundsAreBackchannelsToo(String transcript) {
        assertThat(Backchannels.isBackchannel(transcript)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"okay theek hai haan ji achha", "haan haan haan haan"})
    void moreThanThreeAcknowledgementsAreATurnOfTheirOwn(String transcript) {
        assertThat(Backchannels.isBackchannel(transcript)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait", "no", "haan but", "yes but my budget is lower", "hold on, I have a question",
            "okay so what is the price", "huh", "what"})
    void realInterruptionsAndQuestionsAreNot(String transcript) {
        assertThat(Backchannels.isBackchannel(transcript)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ".,"})
    void nothingHeardIsNotABackchannel(String transcript) {
        assertThat(Backchannels.isBackchannel(transcript)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait", "stop", "no no", "hold on, I have a question", "wait, can you repeat that",
            "what is the price", "ruko", "kitna hai", "nahi chahiye"})
    void stopsRefusalsAndQuestionsClaimTheFloor(String transcript) {
        assertThat(Backchannels.claimsTheFloor(transcript)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"haan ji", "okay", "on gee", "the ten", "I want a two BHK", ""})
    void acknowledgementsAndOrdinaryWordsDoNotClaimTheFloor(String transcript) {
        assertThat(Backchannels.claimsTheFloor(transcript)).isFalse();
    }
}
