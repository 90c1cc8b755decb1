package dev.vaani.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-turn timings: caller end-of-speech → STT final → LLM first token → TTS first audio → first audio frame sent.
 * Read on the call's own clock, so on a virtual clock they are exact milliseconds. The stages count from the moment
 * the caller's turn was decided to have ended; {@code last_speech_before_turn_end_ms} is how long before that the
 * detector last heard them speak, so the two together are the reply latency a caller lives through.
 */
final class CallTimeline {

    /** No transcript final yet (any long may be a reading of a monotonic clock, so none can mean "never"). */
    private static final long NONE = Long.MIN_VALUE;

    private final CallMetrics metrics;
    private final CallClock clock;
    private final Consumer<List<Map<String, Object>>> turnMeasured;
    private final long startMs;
    private final List<Map<String, Object>> turns = new ArrayList<>();
    private long lastFinalMs = NONE;
    private long lastSpeechMs = NONE;
    private boolean tailOfEndedTurn;
    private long turnEndMs;
    private Map<String, Object> current;

    /** @param turnMeasured given the turns so far (copies) each time a turn's reply starts to be heard */
    CallTimeline(CallMetrics metrics, CallClock clock, Consumer<List<Map<String, Object>>> turnMeasured) {
        this.metrics = metrics;
        this.clock = clock;
        this.turnMeasured = turnMeasured;
        this.startMs = clock.nowMs();
    }

    void transcriptFinal() {
        lastFinalMs = clock.nowMs();
    }

    /**
     * One inbound frame's verdict. As in turn-taking, speech straight after a turn ended (the detector's hangover)
     * is the tail of that turn, not the caller speaking again.
     */
    void callerAudio(boolean speech) {
        if (!speech) {
            tailOfEndedTurn = false;
        } else if (!tailOfEndedTurn) {
            lastSpeechMs = clock.nowMs();
        }
    }

    void callerTurnEnded() {
        turnEndMs = clock.nowMs();
        current = new LinkedHashMap<>();
        current.put("turn", turns.size() + 1);
        // when, in the call, the turn ended: lets an evaluation tell the caller's answer from a turn noise made
        current.put("ended_at_ms", turnEndMs - startMs);
        if (lastFinalMs != NONE) {
            current.put("stt_final_before_turn_end_ms", turnEndMs - lastFinalMs);
        }
        if (lastSpeechMs != NONE) { // none when only the recogniser heard this turn: then it is not known
            current.put("last_speech_before_turn_end_ms", turnEndMs - lastSpeechMs);
        }
        lastSpeechMs = NONE;
        tailOfEndedTurn = true;
        turns.add(current);
    }

    void firstToken() {
        stage("llm_first_token");
    }

    void firstSynthesisedAudio() {
        stage("tts_first_audio");
    }

    void firstAudioSent() {
        if (current == null) {
            return;
        }
        stage("first_audio_sent");
        current = null;
        turnMeasured.accept(turns());
    }

    private void stage(String name) {
        if (current == null || current.containsKey(name + "_ms")) {
            return;
        }
        long elapsedMs = clock.nowMs() - turnEndMs;
        current.put(name + "_ms", elapsedMs);
        metrics.turnStage(name, Duration.ofMillis(elapsedMs));
    }

    /** Copies: the turn being measured goes on changing on the call's thread, while a copy is written elsewhere. */
    List<Map<String, Object>> turns() {
        List<Map<String, Object>> copies = new ArrayList<>(turns.size());
        for (Map<String, Object> turn : turns) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(turn)));
        }
        return Collections.unmodifiableList(copies);
    }
}
