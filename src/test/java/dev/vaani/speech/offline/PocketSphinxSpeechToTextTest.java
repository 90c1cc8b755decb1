package dev.vaani.speech.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechStreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PocketSphinxSpeechToTextTest {

    private static PocketSphinxSpeechToText stt;

    @BeforeAll
    static void createRecogniser() {
        stt = new PocketSphinxSpeechToText();
    }

    @BeforeEach
    void requirePocketSphinx() {
        var problem = PocketSphinxSpeechToText.availability();
        assumeTrue(problem.isEmpty(), () -> "Skipping offline recognition test: " + problem.orElseThrow());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            whitefield.wav          | whitefield
            one-crore.wav           | one crore
            yes.wav                 | yes
            no.wav                  | no
            okay.wav                | okay
            call-later.wav          | call later
            home-loan.wav           | home loan
            three-bhk-villa.wav     | three villa
            sarjapur.wav            | sarjapur
            plot.wav                | buy plot
            powai-flat.wav          | flat powai
            two-bhk.wav             | two
            budget-fifty-lakhs.wav  | budget fifty
            """)
    void recognisesTheKeyWordsOfACallerAnswerStreamedIn100msChunks(String clip, String keyWords)
            throws InterruptedException {
        var result = new Transcriber(stt).transcribe(CallerClips.named(clip), List.of());

        assertThat(WordErrorRate.words(result.text())).containsAll(WordErrorRate.words(keyWords));
    }

    @Test
    void reportsSpeechStartAndInterimHypothesesBeforeTheFinal() throws InterruptedException {
        var events = new Transcriber(stt).transcribe(CallerClips.named("three-bhk-villa.wav"), List.of()).events();

        var finalIndex = indexOfFirst(events, SpeechEvent.Final.class);
        assertThat(finalIndex).isPositive();
        assertThat(indexOfFirst(events, SpeechEvent.SpeechStarted.class)).isZero();
        assertThat(events.subList(0, finalIndex)).hasAtLeastOneElementOfType(SpeechEvent.Interim.class);
        assertThat((SpeechEvent.Final) events.get(finalIndex)).extracting(SpeechEvent.Final::endOfSpeech)
                .isEqualTo(true);
    }

    @Test
    void expectedPhrasesOfTheConversationExtendTheVocabulary() throws InterruptedException {
        var clip = CallerClips.named("sarjapur.wav");

        var result = new Transcriber(stt).transcribe(clip, List.of("Sarjapur Road", "HSR Layout"));

        assertThat(result.text()).contains("sarjapur");
    }

    @Test
    void callsDecodeConcurrentlyEachOnItsOwnDecoder() throws Exception {
        var transcriber = new Transcriber(stt);
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            var villa = executor.submit(() -> transcriber.transcribe(CallerClips.named("three-bhk-villa.wav"), List.of()));
            var loan = executor.submit(() -> transcriber.transcribe(CallerClips.named("home-loan.wav"), List.of()));
            var powai = executor.submit(() -> transcriber.transcribe(CallerClips.named("powai-flat.wav"), List.of()));

            assertThat(villa.get().text()).contains("villa");
            assertThat(loan.get().text()).contains("home loan");
            assertThat(powai.get().text()).contains("powai");
        }
    }

    @Test
    void manyCallsStartingAndEndingAtOnceEachGetTheirWords() throws Exception {
        var transcriber = new Transcriber(stt);
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var calls = new ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 24; i++) {
                calls.add(executor.submit(() -> transcriber.transcribe(CallerClips.named("yes.wav"), List.of()).text()));
            }
            for (var call : calls) {
                assertThat(call.get()).contains("yes");
            }
        }
    }

    @Test
    void aFinaliseRequestIsAnsweredEvenWhenNoWordsWereMadeOut() throws InterruptedException {
        var events = new CopyOnWriteArrayList<SpeechEvent>();
        var stream = (PocketSphinxStream) stt.open(new SpeechStreamSettings(8000, "en-IN", List.of(), "quiet"),
                events::add);
        stream.sendAudio(new byte[16_000], 0, 16_000); // a second of silence

        stream.finalizeUtterance();
        stream.close();

        assertThat(stream.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(events).containsExactly(new SpeechEvent.Final("", true));
    }

    @Test
    void closeIsIdempotentEndsTheWorkerAndIgnoresLateAudio() throws InterruptedException {
        var events = new CopyOnWriteArrayList<SpeechEvent>();
        var stream = (PocketSphinxStream) stt.open(new SpeechStreamSettings(8000, "en-IN", List.of(), "close"),
                events::add);
        byte[] pcm = CallerClips.named("yes.wav").pcm();
        stream.sendAudio(pcm, 0, 1601); // odd length: the next frame completes the split sample

        stream.close();
        stream.close();
        stream.sendAudio(pcm, 1601, pcm.length - 1601);
        stream.finalizeUtterance();

        assertThat(stream.awaitTermination(Duration.ofSeconds(30))).isTrue();
        assertThat(events).noneMatch(SpeechEvent.Failure.class::isInstance);
    }

    private static int indexOfFirst(List<SpeechEvent> events, Class<? extends SpeechEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
