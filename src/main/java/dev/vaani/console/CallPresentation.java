package dev.vaani.console;

import dev.vaani.conversation.qualification.CollectedAnswers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Turns a call's stored JSON (transcript, collected data, turn timings) into what its page shows. */
@Component("calls")
public class CallPresentation {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);

    private final JsonMapper json;

    CallPresentation(JsonMapper json) {
        this.json = json;
    }

    /** One line of the conversation; an interrupted bot line holds what the caller heard before speaking over it. */
    public record Line(String speaker, String text, boolean interrupted) {
        public boolean bot() {
            return "ai".equals(speaker);
        }
    }

    /**
     * One bar of the reply-latency chart (SVG units: the chart is 100 high, each bar 24 wide): from the caller's last
     * detected speech to the first audio of the answer, {@code waitMillis} of it before their turn was decided over.
     * A turn stored without its last speech (null wait) counts from that decision only, and says so.
     */
    public record Bar(int turn, long millis, Long waitMillis, int x, int height) {
        public int y() {
            return 100 - height;
        }

        public String title() {
            return waitMillis == null
                    ? "Turn " + turn + ": " + millis + " ms from the end of the turn being decided (the caller's last speech was not recorded)"
                    : "Turn " + turn + ": " + millis + " ms, " + waitMillis + " ms of it waiting to be sure the caller finished";
        }
    }

    public List<Line> transcript(String transcriptJson) {
        List<Map<String, Object>> rows = read(transcriptJson, new TypeReference<>() { }, List.of());
        List<Line> lines = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            lines.add(new Line(String.valueOf(row.get("speaker")), String.valueOf(row.getOrDefault("text", "")),
                    Boolean.TRUE.equals(row.get("interrupted"))));
        }
        return lines;
    }

    /** Collected answers as the broker reads them ("Budget": "up to ₹80 lakh"): see {@link CollectedAnswers}. */
    public Map<String, String> collected(String collectedJson) {
        return CollectedAnswers.shown(read(collectedJson, new TypeReference<>() { }, Map.of()));
    }

    /** The question keys the agent understands, for the campaign form's help. */
    public List<String> understoodKeys() {
        return CollectedAnswers.understoodKeys();
    }

    /** Caller's last speech → first bot audio sent, per turn, scaled so the slowest turn fills the chart. */
    public List<Bar> latency(String turnMetricsJson) {
        List<Map<String, Object>> turns = read(turnMetricsJson, new TypeReference<>() { }, List.of());
        List<Bar> timed = new ArrayList<>();
        for (Map<String, Object> turn : turns) {
            if (turn.get("first_audio_sent_ms") instanceof Number answer) {
                Long wait = turn.get("last_speech_before_turn_end_ms") instanceof Number ms ? ms.longValue() : null;
                int number = ((Number) turn.getOrDefault("turn", timed.size() + 1)).intValue();
                timed.add(new Bar(number, answer.longValue() + (wait == null ? 0 : wait), wait, 0, 0));
            }
        }
        long max = Math.max(1, timed.stream().mapToLong(Bar::millis).max().orElse(1));
        List<Bar> bars = new ArrayList<>(timed.size());
        for (int i = 0; i < timed.size(); i++) {
            Bar bar = timed.get(i);
            int height = (int) Math.max(2, Math.round(bar.millis() * 90.0 / max));
            bars.add(new Bar(bar.turn(), bar.millis(), bar.waitMillis(), i * 30 + 4, height));
        }
        return bars;
    }

    /** A time as operators in India read it. */
    public String when(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(INDIA).format(WHEN);
    }

    public String duration(Integer seconds) {
        return seconds == null ? "" : seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    public String mask(String phone) {
        return dev.vaani.crm.PhoneMasking.mask(phone);
    }

    private <T> T read(String text, TypeReference<T> type, T empty) {
        if (text == null || text.isBlank()) {
            return empty;
        }
        try {
            T value = json.readValue(text, type);
            return value == null ? empty : value;
        } catch (JacksonException e) {
            return empty;
        }
    }
}
