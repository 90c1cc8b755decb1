package dev.vaani.conversation.qualification;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hindi, Devanagari, mixed-script and Hinglish answers (qualification/hindi-answers.tsv) through the entry points the
 * live call uses: the extractor for fields, the intent classifier for what the turn does, the callback parser for when.
 */
class HindiAnswersTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 12, 2, 11, 0, 0, 0, ZoneId.of("Asia/Kolkata"));
    private final QualificationExtractor extractor = new QualificationExtractor();

    @ParameterizedTest(name = "[{index}] {0} (asked {1}) -> {2}")
    @CsvFileSource(resources = "/qualification/hindi-answers.tsv", delimiter = '\t', encoding = "UTF-8")
    void answerIsReadAsExpected(String utterance, String askedField, String expected) {
        String asked = "-".equals(askedField) ? null : askedField;
        Map<String, Object> fields = extractor.extract(utterance, asked);
        Map<String, String> actual = new LinkedHashMap<>();
        fields.forEach((k, v) -> actual.put(k, String.valueOf(v)));
        for (String pair : expected.split(";")) {
            String key = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            switch (key) {
                case "intent" -> assertThat(IntentClassifier.classify(utterance)).as("intent of %s", utterance)
                        .hasToString(value);
                case "confirms" -> assertThat(IntentClassifier.confirms(utterance)).as("confirms %s", utterance)
                        .isEqualTo(Boolean.parseBoolean(value));
                case "callback" -> assertThat(CallbackTimeParser.parse(utterance, NOW)).as("callback of %s", utterance)
                        .map(OffsetDateTime::toZonedDateTime)
                        .hasValueSatisfying(when -> {
                            String[] dayAndTime = value.split(" ");
                            assertThat(when.toLocalDate()).isEqualTo(NOW.toLocalDate()
                                    .plusDays(Integer.parseInt(dayAndTime[0].replace("+", ""))));
                            assertThat(when.withZoneSameInstant(NOW.getZone()).toLocalTime())
                                    .isEqualTo(LocalTime.parse(dayAndTime[1]));
                        });
                case "absent" -> assertThat(actual).as("fields of %s", utterance)
                        .doesNotContainKeys(value.split(","));
                default -> assertThat(actual).as("fields of %s", utterance).containsEntry(key, value);
            }
        }
    }
}
