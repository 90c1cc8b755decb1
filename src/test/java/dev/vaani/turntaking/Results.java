package dev.vaani.turntaking;

import tools.jackson.databind.JsonNode;
import dev.vaani.simulator.CallReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the evaluation's calls showed, per half, and the table it prints. Thread-safe (calls finish in parallel). */
final class Results {

    private static final int CLEAR_TARGET_MS = 300;
    private static final int REPLY_MATCH_MS = 250;

    private double noiseBotSpeechMs;
    private final Map<Integer, int[]> falseClearsBySnr = new java.util.TreeMap<>(); // snr -> [clears]
    private final Map<Integer, double[]> botMsBySnr = new java.util.TreeMap<>();
    private final Map<String, Half> halves = new java.util.LinkedHashMap<>();

    static final class Half {
        int backchannels;
        int backchannelsPaused;
        int backchannelsStopped;
        int bargeIns;
        int bargeInsMissed;
        int bargeInsResumedOver;
        final List<Double> reactionMs = new ArrayList<>();
        final Map<Integer, List<Double>> endOfTurnMsBySnr = new java.util.TreeMap<>();
        int answers;
        int prematureEnds;
        int endOfTurnUnmeasured;
    }

    synchronized void noiseOnly(String noise, int snr, CallReport report) {
        double botMs = report.utterances().stream().mapToLong(CallReport.BotUtterance::durationMs).sum();
        noiseBotSpeechMs += botMs;
        falseClearsBySnr.computeIfAbsent(snr, k -> new int[1])[0] += report.clearsReceived();
        botMsBySnr.computeIfAbsent(snr, k -> new double[1])[0] += botMs;
    }

    synchronized void backchannel(String half, CallReport report, int interruptedBotLines) {
        Half h = half(half);
        h.backchannels++;
        h.backchannelsPaused += report.clearsReceived() > 0 ? 1 : 0;
        h.backchannelsStopped += interruptedBotLines > 0 ? 1 : 0;
    }

    synchronized void speech(String half, int snr, CallReport report, JsonNode serverTurns) {
        Half h = half(half);
        for (CallReport.CallerTurn turn : report.turns()) {
            if (turn.bargeIn()) {
                h.bargeIns++;
                boolean cleared = !Double.isNaN(turn.clearAfterOnsetMs());
                if (cleared && answered(serverTurns, turn)) {
                    h.reactionMs.add(turn.clearAfterOnsetMs());
                } else {
                    h.bargeInsMissed++;
                    h.bargeInsResumedOver += cleared ? 1 : 0;
                }
                continue;
            }
            h.answers++;
            boolean premature = report.utterances().stream()
                    .anyMatch(u -> u.startMs() > turn.speechOnsetMs() && u.startMs() < turn.speechEndMs());
            h.prematureEnds += premature ? 1 : 0;
            JsonNode serverTurn = answerTurn(serverTurns, turn);
            if (serverTurn == null || premature || turn.latencyReceivedMs().isEmpty() || turn.speechEndMs() < 0) {
                h.endOfTurnUnmeasured++;
                continue;
            }
            h.endOfTurnMsBySnr.computeIfAbsent(snr, k -> new ArrayList<>()).add(endOfTurnMs(turn, serverTurn));
        }
    }

    /**
     * Whether the server took the interruption as the caller's turn: a turn of theirs ended after it began. A bot that
     * paused for it (a clear) and then resumed its reply over the caller did not: their words were dropped, as surely
     * as if it had never paused.
     */
    private static boolean answered(JsonNode serverTurns, CallReport.CallerTurn interruption) {
        for (JsonNode t : serverTurns) {
            if (t.path("ended_at_ms").asLong(-1) >= interruption.onsetSentMs()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The caller's last spoken sample to the server's end-of-turn decision: to the reply's first audio received, less
     * the server's own time from its decision to that audio. Counted from the sample, not from the media message that
     * carried it (up to one message later), because the caller's wait starts when they stop speaking, as a barge-in's
     * reaction is counted from its first spoken sample.
     */
    private static double endOfTurnMs(CallReport.CallerTurn answer, JsonNode serverTurn) {
        double replyReceivedAt = answer.endSentMs() + answer.latencyReceivedMs().getAsLong();
        return replyReceivedAt - answer.speechEndMs() - serverTurn.get("first_audio_sent_ms").asDouble();
    }

    /**
     * The server's turn for the caller's answer: the first that ended after the answer began (a turn noise made
     * during the greeting ended before it), provided the first bot audio the caller received after speaking is
     * that turn's reply (both clocks start at the call's start; they agree within a frame or two in-process).
     */
    private static JsonNode answerTurn(JsonNode serverTurns, CallReport.CallerTurn answer) {
        for (JsonNode t : serverTurns) {
            if (!t.has("ended_at_ms") || t.get("ended_at_ms").asLong() < answer.onsetSentMs()) {
                continue;
            }
            if (!t.has("first_audio_sent_ms") || answer.latencyReceivedMs().isEmpty()) {
                return null;
            }
            double replySentAt = t.get("ended_at_ms").asDouble() + t.get("first_audio_sent_ms").asDouble();
            double replyReceivedAt = answer.endSentMs() + answer.latencyReceivedMs().getAsLong();
            return Math.abs(replySentAt - replyReceivedAt) <= REPLY_MATCH_MS ? t : null;
        }
        return null;
    }

    private Half half(String name) {
        return halves.computeIfAbsent(name, k -> new Half());
    }

    static String table(Map<String, Results> byMode, double speechDbfs, List<String> beds, List<String> halves) {
        StringBuilder out = new StringBuilder();
        List<String> modes = List.copyOf(byMode.keySet());
        out.append(String.format(Locale.ROOT,
                "Speech at %.1f dBFS (active level); noise beds %s at the SNR below it.%n%n",
                speechDbfs, String.join(", ", beds)));
        out.append("| Measure | ").append(String.join(" | ", modes)).append(" | Target |\n");
        out.append("|---|").append("---|".repeat(modes.size())).append("---|\n");
        for (int snr : TurnTakingEvaluation.SNRS) {
            row(out, "False barge-ins per minute of bot speech, noise only, " + snr + " dB SNR", modes, byMode,
                    r -> perMinute(r.falseClearsBySnr.getOrDefault(snr, new int[1])[0],
                            r.botMsBySnr.getOrDefault(snr, new double[1])[0]), snr == 10 ? "0" : "");
        }
        for (String half : halves) {
            String label = switch (half) {
                case "tune" -> "tuning half";
                case "heldout" -> "held-out half, seen";
                case "blind" -> "blind half, seen";
                case "fresh" -> "fresh half, seen"; // a turn-taking rule was added after its first whole-call run
                case "recorded" -> "recorded-voice half";
                default -> half + " half";
            };
            row(out, "Backchannels that stopped the bot (" + label + ", 10 dB)", modes, byMode,
                    r -> r.half(half).backchannelsStopped + " / " + r.half(half).backchannels, "≤ 1 in 20");
            row(out, "Backchannels that paused the bot, then it resumed (" + label + ")", modes, byMode,
                    r -> Math.max(0, r.half(half).backchannelsPaused - r.half(half).backchannelsStopped) + " / "
                            + r.half(half).backchannels, "");
            row(out, "Missed barge-ins (" + label + ")", modes, byMode,
                    r -> r.half(half).bargeInsMissed + " / " + r.half(half).bargeIns, "0");
            row(out, "… of them paused for, then talked over (" + label + ")", modes, byMode,
                    r -> r.half(half).bargeInsResumedOver + " / " + r.half(half).bargeIns, "");
            row(out, "Barge-ins cleared within 300 ms (" + label + ")", modes, byMode,
                    r -> r.half(half).reactionMs.stream().filter(ms -> ms <= CLEAR_TARGET_MS).count() + " / "
                            + r.half(half).bargeIns, "all");
            row(out, "Barge-in reaction p50 / p95 ms (" + label + ")", modes, byMode,
                    r -> pct(r.half(half).reactionMs, 50) + " / " + pct(r.half(half).reactionMs, 95), "≤ 300");
            for (int snr : TurnTakingEvaluation.SNRS) {
                row(out, "End-of-turn delay p50 / p95 ms, " + snr + " dB (" + label + ")", modes, byMode,
                        r -> {
                            List<Double> d = r.half(half).endOfTurnMsBySnr.getOrDefault(snr, List.of());
                            return pct(d, 50) + " / " + pct(d, 95) + " (n=" + d.size() + ")";
                        }, snr == 10 ? "p50 ≤ 700" : "");
            }
            row(out, "Premature end of turn (" + label + ")", modes, byMode,
                    r -> r.half(half).prematureEnds + " / " + r.half(half).answers, "");
            row(out, "Answers whose end of turn could not be measured (" + label + ")", modes, byMode,
                    r -> r.half(half).endOfTurnUnmeasured + " / " + r.half(half).answers, "");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<String> modes, Map<String, Results> byMode,
                            java.util.function.Function<Results, String> cell, String target) {
        out.append("| ").append(name).append(" | ");
        for (String mode : modes) {
            Results r = byMode.get(mode);
            synchronized (r) {
                out.append(cell.apply(r)).append(" | ");
            }
        }
        out.append(target).append(" |\n");
    }

    private static String perMinute(int count, double ms) {
        return ms <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f (%d in %.0f s)", count * 60_000 / ms, count, ms / 1000);
    }

    private static String pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return "–";
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return String.format(Locale.ROOT, "%.0f", sorted.get(Math.max(0, index)));
    }
}
