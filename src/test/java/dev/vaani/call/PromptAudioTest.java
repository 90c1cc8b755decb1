package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.Language;
import dev.vaani.conversation.qualification.HindiText;
import dev.vaani.speech.SpeechFailure;
import dev.vaani.speech.TextToSpeech;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The call layer's own lines: one phrasebook per language, rendered in that language and kept. */
class PromptAudioTest {

    /** Records what it was asked to say and in which language; the audio is the text's bytes. */
    static final class RecordingVoice implements TextToSpeech {
        record Said(String text, String language, int sampleRate) {}

        final List<Said> said = new CopyOnWriteArrayList<>();
        boolean fail;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
            return synthesize(text, null, sampleRate, sink);
        }

        @Override
        public Synthesis synthesize(String text, String language, int sampleRate, AudioSink sink) {
            said.add(new Said(text, language, sampleRate));
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (fail) {
                done.completeExceptionally(new SpeechFailure(SpeechFailure.Kind.SERVER_ERROR, "down", null));
            } else {
                sink.onAudio((language + ":" + text).getBytes(StandardCharsets.UTF_8));
                done.complete(null);
            }
            return new Synthesis() {
                @Override
                public CompletableFuture<Void> completion() {
                    return done;
                }

                @Override
                public void cancel() {
                }
            };
        }
    }

    private final RecordingVoice voice = new RecordingVoice();
    private final PromptAudio prompts = new PromptAudio(voice);

    @Test
    void theHindiApologyIsRenderedInHindi() {
        byte[] audio = prompts.clip(Language.HINDI, CallPhrases.HINDI.apology(), 8000);

        assertThat(new String(audio, StandardCharsets.UTF_8)).isEqualTo("hi:" + CallPhrases.HINDI.apology());
        assertThat(voice.said).containsExactly(new RecordingVoice.Said(CallPhrases.HINDI.apology(), "hi", 8000));
    }

    @Test
    void theHinglishTroubleGoodbyeIsRenderedAsHinglish() {
        prompts.clip(Language.HINGLISH, CallPhrases.HINGLISH.troubleGoodbye(), 8000);

        assertThat(voice.said).extracting(RecordingVoice.Said::language).containsExactly("hinglish");
    }

    @Test
    void aFillerIsTakenFromTheCallersLanguage() {
        byte[] filler = prompts.filler(Language.HINDI, 1, 8000);

        assertThat(new String(filler, StandardCharsets.UTF_8)).isEqualTo("hi:अच्छा।");
    }

    @Test
    void aClipIsRenderedOnceAndThenServedFromMemory() {
        byte[] first = prompts.clip(Language.ENGLISH, CallPhrases.ENGLISH.apology(), 8000);
        byte[] second = prompts.clip(Language.ENGLISH, CallPhrases.ENGLISH.apology(), 8000);

        assertThat(second).isSameAs(first);
        assertThat(voice.said).hasSize(1);
    }

    @Test
    void preparingRendersEveryLineOfEveryLanguageInItsLanguage() {
        prompts.prepare(8000);

        for (CallPhrases phrases : CallPhrases.ALL) {
            assertThat(voice.said).filteredOn(s -> s.language().equals(phrases.language().code()))
                    .extracting(RecordingVoice.Said::text).containsExactlyInAnyOrderElementsOf(phrases.lines());
        }
    }

    @Test
    void aLineTheVoiceCannotRenderBecomesAShortPauseNotAFailedCall() {
        voice.fail = true;

        byte[] audio = prompts.clip(Language.HINDI, CallPhrases.HINDI.troubleGoodbye(), 8000);

        assertThat(audio).hasSize(8000 / 5 * 2).containsOnly(0);
    }

    @Test
    void hindiLinesAreInDevanagariForTheHindiVoice() {
        assertThat(CallPhrases.HINDI.lines()).allSatisfy(line -> {
            assertThat(HindiText.containsDevanagari(line)).as(line).isTrue();
            assertThat(line).as(line).doesNotContainPattern("[A-Za-z]");
        });
    }

    @Test
    void hinglishLinesAreInLatinLetters() {
        assertThat(CallPhrases.HINGLISH.lines()).allSatisfy(line ->
                assertThat(HindiText.containsDevanagari(line)).as(line).isFalse());
        assertThat(CallPhrases.HINGLISH.apology()).isNotEqualTo(CallPhrases.ENGLISH.apology());
    }

    @Test
    void everyLanguageHasAsManyFillersAsTheRotationExpects() {
        assertThat(CallPhrases.ALL).extracting(p -> p.fillers().size()).containsOnly(CallPhrases.ENGLISH.fillers().size());
        assertThat(CallPhrases.ALL).extracting(CallPhrases::language).containsExactly(Language.values());
    }
}
