package dev.vaani.speech.offline;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

import dev.vaani.speech.TextToSpeech;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The offline synthesiser speaks Hindi sentences with espeak-ng's Hindi voice (installed by install-offline-speech.sh). */
class EspeakHindiVoiceTest {

    private static final int CALL_RATE = 8000;

    @Test
    void aHindiSentenceBecomesTelephoneAudio() throws Exception {
        var tts = new OfflineTextToSpeech();
        assumeThat(tts.speaksHindi()).as("espeak-ng with a Hindi voice is installed").isTrue();

        byte[] pcm = speak(tts, "आपका बजट कितना है?", "hi");

        // 16-bit samples at 8 kHz: about a second or two of speech, not silence
        assertThat(pcm.length % 2).isZero();
        double seconds = pcm.length / 2.0 / CALL_RATE;
        assertThat(seconds).isBetween(0.8, 4.0);
        assertThat(rms(pcm)).isGreaterThan(300);
    }

    @Test
    void theHindiVoiceIsUsedOnlyForHindi() throws Exception {
        var withoutHindi = new OfflineTextToSpeech(java.util.Optional.empty());
        byte[] english = speak(withoutHindi, "What budget do you have in mind?", "en");
        assertThat(english).isNotEmpty();
        assertThat(withoutHindi.speaksHindi()).isFalse();
    }

    @Test
    void cancellingStopsTheAudio() throws Exception {
        var tts = new OfflineTextToSpeech();
        assumeThat(tts.speaksHindi()).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextToSpeech.Synthesis synthesis = tts.synthesize("नमस्ते ".repeat(40), "hi", CALL_RATE, out::writeBytes);
        synthesis.cancel();
        synthesis.completion().get(5, TimeUnit.SECONDS);
        int afterCancel = out.size();
        assertThat(afterCancel).isLessThan(40 * CALL_RATE); // far less than the whole sentence's 20 s
    }

    private static byte[] speak(TextToSpeech tts, String text, String language) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tts.synthesize(text, language, CALL_RATE, out::writeBytes).completion().get(20, TimeUnit.SECONDS);
        return out.toByteArray();
    }

    private static double rms(byte[] pcm) {
        double sum = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            short s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sum += (double) s * s;
        }
        return Math.sqrt(sum / (pcm.length / 2.0));
    }
}
