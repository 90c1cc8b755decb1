package dev.vaani.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the bot sent, and the arithmetic that turns it plus the caller's turns into a {@link CallReport}.
 * Positions are samples on the call timeline; the report is in milliseconds.
 */
final class BotTraffic {

    private static final int EXAMPLES = 10;

    final List<PlaybackBuffer.Chunk> chunks = new ArrayList<>();
    final List<Long> clears = new ArrayList<>();
    int mediaMessages;
    int marksReceived;
    boolean timedOut;
    private int violations;
    private final List<String> violationExamples = new ArrayList<>();
    private int malformed;
    private final List<String> malformedExamples = new ArrayList<>();

    void violation(String what) {
        violations++;
        if (violationExamples.size() < EXAMPLES) {
            violationExamples.add("bot media #" + mediaMessages + ": " + what);
        }
    }

    void malformed(String what) {
        malformed++;
        if (malformedExamples.size() < EXAMPLES) {
            malformedExamples.add(what);
        }
    }

    CallReport report(String scenario, int sampleRate, List<CallerScript.SpokenTurn> spoken, PlaybackBuffer playback,
                      CallSocket socket, long durationMs, List<String> notes, List<String> failures) {
        List<CallReport.CallerTurn> turns = new ArrayList<>();
        List<CallerScript.SpokenTurn> sent = spoken.stream().filter(t -> t.onsetSent >= 0).toList();
        for (int i = 0; i < sent.size(); i++) {
            CallerScript.SpokenTurn turn = sent.get(i);
            long windowEnd = i + 1 < sent.size() ? sent.get(i + 1).onsetSent : Long.MAX_VALUE;
            turns.add(measure(i + 1, turn, windowEnd, sampleRate));
        }
        return new CallReport(scenario, sampleRate, turns, playback.utterances(), mediaMessages, marksReceived,
                playback.marksEchoed(), clears.size(), violations, violationExamples, playback.underruns(),
                playback.underrunMs(), malformed, malformedExamples, durationMs, socket.closedByServer(),
                socket.closeCode(), socket.closeReason(), timedOut, notes, failures);
    }

    /**
     * A reply to a turn is the first bot media received after the caller's last speech went out and before the
     * caller's next turn began; its latency "played" is when that audio (or, if it was cleared, the next audio
     * received after the turn that did play) started playing.
     */
    private CallReport.CallerTurn measure(int index, CallerScript.SpokenTurn turn, long windowEnd, int rate) {
        OptionalLong received = OptionalLong.empty();
        OptionalLong played = OptionalLong.empty();
        double voiceToVoice = Double.NaN;
        double clearAfterOnset = Double.NaN;
        if (turn.endSent >= 0) {
            for (PlaybackBuffer.Chunk chunk : chunks) {
                if (chunk.received < turn.endSent || chunk.received >= windowEnd) {
                    continue;
                }
                if (received.isEmpty()) {
                    received = OptionalLong.of(ms(chunk.received - turn.endSent, rate));
                }
                if (chunk.playStart >= 0) {
                    played = OptionalLong.of(ms(chunk.playStart - turn.endSent, rate));
                    voiceToVoice = turn.end < 0 ? Double.NaN : (chunk.playStart - turn.end) * 1000.0 / rate;
                    break;
                }
            }
        }
        OptionalLong reaction = OptionalLong.empty();
        if (turn.bargeIn) {
            reaction = clears.stream().filter(c -> c >= turn.onsetSent && c < windowEnd).findFirst()
                    .map(c -> OptionalLong.of(ms(c - turn.onsetSent, rate))).orElse(OptionalLong.empty());
            clearAfterOnset = clears.stream().filter(c -> c >= turn.onsetSent && c < windowEnd).findFirst()
                    .map(c -> (c - turn.onset) * 1000.0 / rate).orElse(Double.NaN);
        }
        return new CallReport.CallerTurn(index, turn.clip, turn.bargeIn, ms(turn.onsetSent, rate),
                turn.endSent < 0 ? -1 : ms(turn.endSent, rate), received, played, reaction, ms(turn.onset, rate),
                turn.end < 0 ? -1 : ms(turn.end, rate), voiceToVoice, clearAfterOnset);
    }

    private static long ms(long samples, int rate) {
        return samples * 1000 / rate;
    }
}
