package dev.vaani.speech.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.speech.SpeechStreamSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What a Hindi or Hinglish call asks Deepgram for. */
class DeepgramQueryTest {

    private static final List<String> LOCALITIES = List.of("Whitefield", "Andheri West", "व्हाइटफील्ड");

    private static List<String> params(URI uri) {
        return Arrays.asList(uri.getRawQuery().split("&"));
    }

    private static DeepgramSettings model(String model) {
        return new DeepgramSettings("key", "ws://127.0.0.1:1", model, "en-IN", 0, 0, null, null, null, null);
    }

    @ParameterizedTest(name = "{0} call on {1} -> language={2}")
    @CsvSource({
            "hi,       nova-3, hi",
            "hi-IN,    nova-3, hi",
            "multi,    nova-3, multi",
            "hinglish, nova-3, multi",
            "multi,    nova-2, hi",
            "en-IN,    nova-3, en-IN",
    })
    void theCallsLanguageChoosesDeepgramsLanguage(String callLanguage, String model, String expected) {
        URI uri = DeepgramQuery.streaming(model(model), new SpeechStreamSettings(8000, callLanguage, List.of(), "c"));

        assertThat(params(uri)).contains("language=" + expected, "model=" + model);
    }

    @Test
    void aHindiCallOnNova3SendsEachLocalityAsAKeyterm() {
        URI uri = DeepgramQuery.streaming(model("nova-3"), new SpeechStreamSettings(8000, "hi", LOCALITIES, "c"));

        assertThat(params(uri)).contains("language=hi", "keyterm=Whitefield", "keyterm=Andheri%20West",
                "keyterm=%E0%A4%B5%E0%A5%8D%E0%A4%B9%E0%A4%BE%E0%A4%87%E0%A4%9F%E0%A4%AB%E0%A5%80%E0%A4%B2%E0%A5%8D%E0%A4%A1");
        assertThat(params(uri)).noneMatch(p -> p.startsWith("keywords="));
    }

    @Test
    void aHinglishCallOnNova3KeepsKeytermsWithTheMultilingualModel() {
        URI uri = DeepgramQuery.streaming(model("nova-3"), new SpeechStreamSettings(8000, "multi", LOCALITIES, "c"));

        assertThat(params(uri)).contains("language=multi", "keyterm=Whitefield");
    }

    @Test
    void nova2TakesLocalitiesAsKeywords() {
        URI uri = DeepgramQuery.streaming(model("nova-2"), new SpeechStreamSettings(8000, "hi", LOCALITIES, "c"));

        assertThat(params(uri)).contains("language=hi", "keywords=Whitefield", "keywords=Andheri%20West");
        assertThat(params(uri)).noneMatch(p -> p.startsWith("keyterm="));
    }

    @Test
    void thePrerecordedFallbackHearsTheSameLanguage() {
        URI uri = DeepgramQuery.prerecorded(model("nova-3"), new SpeechStreamSettings(8000, "hinglish", List.of(), "c"));

        assertThat(params(uri)).contains("language=multi");
    }

    @Test
    void aTokenEstimateNeverUndercountsWords() {
        assertThat(DeepgramQuery.estimatedTokens("a b c d")).isEqualTo(4);
        assertThat(DeepgramQuery.estimatedTokens("Whitefield")).isEqualTo(4);
    }

    @Test
    void repeatsBlanksControlCharactersAndSentencesAreNotKeyterms() {
        assertThat(DeepgramQuery.hints(java.util.Arrays.asList("Whitefield", "whitefield", " ", null, "Andheri\nWest",
                "x".repeat(DeepgramQuery.MAX_KEYTERM_CHARS + 1)))).containsExactly("Whitefield", "Andheri West");
    }
}
