package dev.vaani.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-turn timings: caller end-of-speech → STT final → LLM first token → TTS first audio → first audio frame sent. */
final class CallTimeline {

    private final CallMetrics metrics;
    private final long startNanos = System.nanoTime();
    private final List<Map<String, Object>> turns = new ArrayList<>();
    private long lastFinalNanos;
    private long turnEndNanos;
    private Map<String, Object> current;

    CallTimeline(CallMetrics metrics) {
        this.metrics = metrics;
    }

    void transcriptFinal() {
        lastFinalNanos = System.nanoTime();
    }

    void callerTurnEnded() {
        turnEndNanos = System.nanoTime();
        current = new LinkedHashMap<>();
        current.put("turn", turns.size() + 1);
        // when, in the call, the turn ended: lets an evaluation tell the caller's answer from a turn noise made
        current.put("ended_at_ms", (turnEndNanos - startNanos) / 1_000_000);
        if (lastFinalNanos > 0) {
            current.put("stt_final_before_turn_end_ms", (turnEndNanos - lastFinalNanos) / 1_000_000);
        }
        turns.add(current);
    }

    void firstToken() {
        stage("llm_first_token");
    }

    void firstSynthesisedAudio() {
        stage("tts_first_audio");
    }

    void firstAudioSent() {
        stage("first_audio_sent");
        current = null;
    }

    private void stage(String name) {
        if (current == null || current.containsKey(name + "_ms")) {
            return;
        }
        long elapsed = System.nanoTime() - turnEndNanos;
        current.put(name + "_ms", elapsed / 1_000_000);
        metrics.turnStage(name, Duration.ofNanos(elapsed));
    }

    List<Map<String, Object>> turns() {
        return List.copyOf(turns);
    }
}
