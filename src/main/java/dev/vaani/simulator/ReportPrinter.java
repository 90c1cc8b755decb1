package dev.vaani.simulator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Prints a call as a timeline a person can read. The simulator only has audio, so there is no transcript: it shows
 * who spoke when, how long the caller waited for the bot, and how the bot handled interruptions.
 */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static void print(CallReport report, PrintWriter out) {
        out.println("Scenario: " + report.scenario() + " (" + report.sampleRate() + " Hz)");
        out.println("Timeline:");
        record Line(long at, String text) {
        }
        List<Line> lines = new ArrayList<>();
        for (CallReport.BotUtterance u : report.utterances()) {
            lines.add(new Line(u.startMs(), String.format(Locale.ROOT, "BOT     utterance %d, %.2f s%s%s", u.index(),
                    u.durationMs() / 1000.0, u.interrupted() ? ", interrupted" : "", u.silent() ? ", SILENT" : "")));
        }
        for (CallReport.CallerTurn t : report.turns()) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "CALLER  %s %d: %s",
                    t.bargeIn() ? "barge-in" : "turn", t.index(), t.clip()));
            if (t.bargeIn()) {
                s.append(t.bargeInReactionMs().isPresent()
                        ? " | clear after " + t.bargeInReactionMs().getAsLong() + " ms" : " | NO clear");
            }
            if (t.endSentMs() >= 0) {
                s.append(String.format(Locale.ROOT, " | ended %s", seconds(t.endSentMs()).strip()));
                s.append(t.latencyPlayedMs().isPresent()
                        ? " | bot heard after " + t.latencyPlayedMs().getAsLong() + " ms"
                        + received(t.latencyReceivedMs())
                        : t.latencyReceivedMs().isPresent()
                        ? " | bot audio received after " + t.latencyReceivedMs().getAsLong() + " ms, never played"
                        : " | no bot reply");
            }
            lines.add(new Line(t.onsetSentMs(), s.toString()));
        }
        lines.sort(Comparator.comparingLong(Line::at));
        lines.forEach(l -> out.println("  " + seconds(l.at()) + "  " + l.text()));
        if (report.connectionLost()) {
            out.println("  " + seconds(report.durationMs()) + "  LINE    connection lost (close code "
                    + CallReport.ABNORMAL_CLOSURE + ", no close frame)");
        } else if (report.serverClosed()) {
            out.println("  " + seconds(report.durationMs()) + "  BOT     hung up (close code "
                    + report.closeCode().orElse(-1) + ")");
        }

        out.println("Summary:");
        out.printf(Locale.ROOT, "  duration %.1f s, bot utterances %d, bot media messages %d%n",
                report.durationMs() / 1000.0, report.utterances().size(), report.botMediaMessages());
        var latencies = report.turns().stream().map(CallReport.CallerTurn::latencyPlayedMs)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).sorted().toArray();
        if (latencies.length > 0) {
            out.printf(Locale.ROOT, "  voice-to-voice latency: median %d ms, max %d ms over %d turns%n",
                    latencies[latencies.length / 2], latencies[latencies.length - 1], latencies.length);
        }
        out.printf(Locale.ROOT, "  marks received %d, echoed %d; clears %d%n",
                report.marksReceived(), report.marksEchoed(), report.clearsReceived());
        out.printf(Locale.ROOT, "  chunk-rule violations %d, underruns %d (%d ms), malformed messages %d%n",
                report.chunkViolations(), report.underruns(), report.underrunMs(), report.malformedMessages());
        report.chunkViolationExamples().forEach(v -> out.println("    violation: " + v));
        report.malformedExamples().forEach(m -> out.println("    malformed: " + m));
        out.println("  ended by " + (report.connectionLost() ? "a lost connection" : report.serverClosed() ? "the bot"
                : report.timedOut() ? "timeout" : "the caller"));
        report.notes().forEach(n -> out.println("  note: " + n));

        if (report.passed()) {
            out.println("PASS");
        } else {
            out.println("FAIL");
            report.failures().forEach(f -> out.println("  - " + f));
        }
        out.flush();
    }

    private static String received(OptionalLong latencyReceived) {
        return latencyReceived.isPresent() ? " (received after " + latencyReceived.getAsLong() + " ms)" : "";
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%7.2fs", ms / 1000.0);
    }
}
