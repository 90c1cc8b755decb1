package dev.vaani.benchmark;

import static dev.vaani.benchmark.Benchmark.fmt;

import dev.vaani.benchmark.Benchmark.Echo;
import dev.vaani.benchmark.Benchmark.Result;
import dev.vaani.benchmark.Benchmark.Step;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Writes a run's figures: a section appended to benchmarks.md, a CSV and a PNG plot of latency against calls. */
final class Report {

    private Report() {}

    static void write(Result result, Path docs) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(result.startedAt()));
        Path dir = docs.resolve("benchmarks");
        Files.createDirectories(dir);
        Path csv = dir.resolve("benchmark-" + stamp + ".csv");
        Path png = dir.resolve("latency-vs-calls-" + stamp + ".png");
        Files.writeString(csv, csv(result));
        plot(result, png);
        Path md = docs.resolve("benchmarks.md");
        if (!Files.exists(md)) {
            Files.writeString(md, """
                    # Benchmarks

                    Produced by the benchmark harness (`src/test/java/dev/vaani/benchmark`), one command:

                        ./mvnw -q -Pbenchmark verify                      # full run: step load 10…2000 calls
                        ./mvnw -q -Pbenchmark verify -Dbenchmark.args="--steps=10,100 --echo="   # a quick one

                    Each run appends a section below; the CSV and the plot are in `docs/benchmarks/`.
                    """);
        }
        Files.writeString(md, "\n" + markdown(result, csv.getFileName().toString(), png.getFileName().toString()),
                StandardOpenOption.APPEND);
        Benchmark.log("wrote %s, %s, %s", md, csv, png);
    }

    static String summary(Result result) {
        return markdown(result, "(csv)", "(png)");
    }

    static String csv(Result result) {
        StringBuilder out = new StringBuilder("calls,completed,turns,v2v_p50,v2v_p90,v2v_p99,v2v_max,added_p50,added_p90,"
                + "added_p99,added_max,over_providers_p50,over_providers_p90,over_providers_p99,over_providers_max,bargein_p50,bargein_p90,"
                + "bargein_p99,bargein_max,bargein_over_floor_p50,bargein_over_floor_p99,underruns,underrun_ms,errors,malformed,chunk_violations,rejected_frames,"
                + "server_cpu_pct,server_cpu_pct_per_call,loadgen_cpu_pct,machine_cpu_pct,heap_kb_per_call,holds\n");
        for (Step s : result.steps()) {
            out.append(String.format(Locale.ROOT,
                    "%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d,%d,%.0f,%.1f,%.3f,%.1f,%.1f,%.1f,%s%n",
                    s.calls(), s.completedCalls(), s.turns(),
                    fmt(s.voiceToVoice().p50()), fmt(s.voiceToVoice().p90()), fmt(s.voiceToVoice().p99()), fmt(s.voiceToVoice().max()),
                    fmt(s.serverAdded().p50()), fmt(s.serverAdded().p90()), fmt(s.serverAdded().p99()), fmt(s.serverAdded().max()),
                    fmt(s.overProviders().p50()), fmt(s.overProviders().p90()), fmt(s.overProviders().p99()), fmt(s.overProviders().max()),
                    fmt(s.bargeIn().p50()), fmt(s.bargeIn().p90()), fmt(s.bargeIn().p99()), fmt(s.bargeIn().max()),
                    fmt(s.bargeInOverFloor().p50()), fmt(s.bargeInOverFloor().p99()),
                    s.underruns(), s.underrunMs(), s.errors(), s.malformed(), s.chunkViolations(), s.rejectedFrames(),
                    s.serverCpuPct(), s.serverCpuPct() / s.calls(), s.loadCpuPct(), s.machineCpuPct(), s.heapPerCallKb(),
                    s.holds()));
        }
        return out.toString();
    }

    static String markdown(Result r, String csvName, String pngName) {
        Benchmark.Floor f = r.floor();
        StringBuilder md = new StringBuilder();
        String date = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(r.startedAt())).substring(0, 16);
        md.append("## ").append(date).append(" UTC\n\n");
        md.append("- Machine: ").append(r.machine()).append("; JDK: ").append(r.jdk()).append("\n");
        md.append("- Server: Vaani in its own JVM (-Xmx").append(r.settings().serverHeap())
                .append(", G1), embedded PostgreSQL and Redis, logging at WARN, fillers off (filler delay 5 s) so the"
                        + " reply itself is measured. Load generator and provider fakes share a second JVM on the same"
                        + " 2 cores, loopback only. Voice activity detection: " + r.settings().vad()
                        + (r.settings().noiseDbfs() == null ? "; callers on a clean line"
                        : "; steady noise at " + r.settings().noiseDbfs() + " dBFS under everything callers send") + ".\n");
        md.append(String.format(Locale.ROOT, "- Providers (fakes): STT final %d ms after the last spoken sample; LLM first"
                        + " token %d ms, then %.0f tokens/s; TTS first audio %d ms, then %.0f× real time in %d-byte chunks.%n",
                Benchmark.STT_FINAL_MS, Benchmark.LLM_FIRST_TOKEN_MS, Benchmark.LLM_TOKENS_PER_SECOND,
                Benchmark.TTS_FIRST_AUDIO_MS, Benchmark.TTS_REAL_TIME, Benchmark.TTS_CHUNK_BYTES));
        md.append("- Call: ").append(r.settings().shortScenario() ? "short (greeting, one turn, hang-up)"
                : "greeting, 5 caller turns from the committed 8 kHz clips with 0.5–1.2 s pauses, one barge-in 1.2 s"
                        + " into a reply, hang-up (about 45 s)").append("; calls of a step start over ")
                .append(r.settings().rampMs() / 1000.0).append(" s.\n");
        md.append(String.format(Locale.ROOT, "- Floor (every reply starts \"%s\", %d tokens): providers STT %d + LLM %d + %d×%.1f"
                        + " + TTS first audio %d = %.1f ms, plus the TTS's time to deliver Exotel's smallest chunk (200 ms of"
                        + " audio, %.1f ms at 4×), before which no server can send: **%.1f ms**. Our splitter cuts the"
                        + " first sentence at token %d.%n",
                Benchmark.FIRST_SENTENCE, f.firstSentenceTokens(), Benchmark.STT_FINAL_MS, Benchmark.LLM_FIRST_TOKEN_MS,
                f.firstSentenceTokens() - 1, 1000 / Benchmark.LLM_TOKENS_PER_SECOND, Benchmark.TTS_FIRST_AUDIO_MS,
                f.providersMs(), f.firstChunkFillMs(), f.floorMs(), f.tokenThatEndsIt()));
        md.append(String.format(Locale.ROOT, "- Barge-in floor, per interruption: %d ms of speech counted in %d ms VAD"
                        + " frames, known only when the %d ms media message carrying it arrives: %d–%d ms after the onset,"
                        + " depending on where the onset falls in a message.%n", Benchmark.BARGE_IN_CONFIRM_MS,
                Benchmark.VAD_FRAME_MS, Benchmark.CALLER_CHUNK_MS, Benchmark.BARGE_IN_CONFIRM_MS - Benchmark.VAD_FRAME_MS,
                Benchmark.BARGE_IN_CONFIRM_MS + Benchmark.CALLER_CHUNK_MS - Benchmark.VAD_FRAME_MS));
        md.append("- Server-added = voice-to-voice − floor; over providers = voice-to-voice − providers alone (the"
                + " server-added figure of runs before 2026-11-26). Barge-in reaction: first spoken sample → `clear`"
                + " received. CPU: % of one core over a steady 15 s window with every call of the step live. Heap: used"
                + " heap after a full GC with every call of the warm-up step live, minus before it, per call (measured"
                + " only there: a full GC stalls every live call, so the reported steps run without one).\n\n");
        md.append("| calls | turns | voice-to-voice p50 / p90 / p99 / max (ms) | server-added p50 / p90 / p99 / max |"
                + " over providers p50 / p99 | barge-in p50 / p99 / max (over its floor p50 / p99) | underruns | errors | bad frames | server CPU % (per call)"
                + " | load gen + fakes CPU % | holds |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step s : r.steps()) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s / %s | %s / %s / %s (%s / %s) | %d | %d | %d | %.0f (%.2f) | %.0f | %s |%n",
                    s.calls(), s.turns(), s.voiceToVoice().row(), s.serverAdded().row(), fmt(s.overProviders().p50()),
                    fmt(s.overProviders().p99()), fmt(s.bargeIn().p50()), fmt(s.bargeIn().p99()), fmt(s.bargeIn().max()),
                    fmt(s.bargeInOverFloor().p50()), fmt(s.bargeInOverFloor().p99()),
                    s.underruns(), s.errors(), s.malformed() + s.chunkViolations() + (int) s.rejectedFrames(),
                    s.serverCpuPct(), s.serverCpuPct() / s.calls(), s.loadCpuPct(),
                    s.holds() ? "yes" : "no: " + s.breakReason()));
        }
        for (Echo e : r.echoes()) {
            md.append(String.format(Locale.ROOT, "%n- Physical reference, bare WebSocket echo server (Java-WebSocket) at %d"
                            + " connections × %d messages/s of a call's media size: %.1f %% CPU, %.3f %% per connection.",
                    e.calls(), e.messagesPerSecondPerCall(), e.cpuPct(), e.cpuPct() / e.calls()));
        }
        Step best = r.largestHeld();
        Step s500 = r.at(500);
        Step ref = s500 != null ? s500 : r.steps().isEmpty() ? null : r.steps().getLast();
        md.append("\n\n**Largest step that holds: ").append(best == null ? "none" : best.calls() + " concurrent calls")
                .append("**.\n\n");
        md.append("| target | measured | met |\n|---|---|---|\n");
        if (ref != null) {
            String at = " (at " + ref.calls() + " calls)";
            md.append(row("server-added p50 < 5 ms at 500 calls", fmt(ref.serverAdded().p50()) + " ms" + at,
                    s500 != null && ref.serverAdded().p50() < 5));
            md.append(row("server-added p99 < 20 ms at 500 calls", fmt(ref.serverAdded().p99()) + " ms" + at,
                    s500 != null && ref.serverAdded().p99() < 20));
            Step first = r.steps().getFirst();
            md.append(row("voice-to-voice ≤ floor + 30 ms", String.format(Locale.ROOT, "p50 %s ms = floor %.1f + %s (at %d calls)",
                    fmt(first.voiceToVoice().p50()), f.floorMs(), fmt(first.serverAdded().p50()), first.calls()),
                    first.serverAdded().p50() <= 30));
            double ratio = f.batchMs() / first.voiceToVoice().p50();
            md.append(row("≥ 3× faster than the batch design", String.format(Locale.ROOT,
                    "batch %.0f ms vs streaming p50 %s ms: %.2f× (at the floor itself: %.2f×)", f.batchMs(),
                    fmt(first.voiceToVoice().p50()), ratio, f.batchMs() / f.floorMs()), ratio >= 3));
            Step bargeStep = best != null ? best : first;
            double bargeP99 = bargeStep.bargeIn().p99();
            double bargeP50 = bargeStep.bargeIn().p50();
            md.append("| barge-in reaction ≤ 250 ms (200 ms confirm) | p50 " + fmt(bargeP50) + ", p99 " + fmt(bargeP99)
                    + " ms; over its floor p50 " + fmt(bargeStep.bargeInOverFloor().p50()) + ", p99 "
                    + fmt(bargeStep.bargeInOverFloor().p99()) + " ms (at " + bargeStep.calls() + " calls, "
                    + (best != null ? "the largest holding step" : "no step holds") + ") | p50 "
                    + (bargeP50 <= 250 ? "yes" : "**no**") + ", p99 " + (bargeP99 <= 250 ? "yes" : "**no**") + " |\n");
            md.append(row("≥ 1000 concurrent calls, no underrun", best == null ? "none" : best.calls() + " calls",
                    best != null && best.calls() >= 1000));
            double heap = r.warmup() == null ? Double.NaN : r.warmup().heapPerCallKb();
            md.append(row("< 1 MB heap per call", fmt(heap) + " KB (" + (r.warmup() == null ? "no warm-up step"
                    : r.warmup().calls() + " calls live, warm-up step") + ")", heap < 1024));
        }
        md.append("\n![latency vs concurrent calls](benchmarks/").append(pngName).append(")  CSV: `docs/benchmarks/")
                .append(csvName).append("`\n");
        return md.toString();
    }

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    static void plot(Result result, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Step> steps = result.steps();
        int w = 900;
        int h = 520;
        int left = 70;
        int right = 200;
        int top = 40;
        int bottom = 60;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        List<Series> series = List.of(
                new Series("voice-to-voice p50", new Color(30, 100, 200), s -> s.voiceToVoice().p50()),
                new Series("voice-to-voice p99", new Color(120, 170, 240), s -> s.voiceToVoice().p99()),
                new Series("server-added p50", new Color(200, 60, 40), s -> s.serverAdded().p50()),
                new Series("server-added p99", new Color(240, 150, 120), s -> s.serverAdded().p99()),
                new Series("barge-in p99", new Color(40, 150, 60), s -> s.bargeIn().p99()));
        double max = 100;
        for (Step s : steps) {
            for (Series line : series) {
                double v = line.value.applyAsDouble(s);
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = Math.ceil(max / 200) * 200;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setColor(Color.BLACK);
        g.drawString("Vaani: latency vs concurrent calls (floor " + fmt(result.floor().floorMs()) + " ms)", left, 22);
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - plotH * i / 5;
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f ms", max * i / 5), 10, y + 4);
        }
        int n = Math.max(steps.size(), 1);
        for (int i = 0; i < steps.size(); i++) {
            int x = left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
            g.setColor(Color.DARK_GRAY);
            g.drawString(Integer.toString(steps.get(i).calls()), x - 10, top + plotH + 18);
        }
        g.drawString("concurrent calls", left + plotW / 2 - 40, h - 15);
        g.setStroke(new BasicStroke(2f));
        int legend = top + 10;
        for (Series line : series) {
            g.setColor(line.color);
            int px = -1;
            int py = -1;
            for (int i = 0; i < steps.size(); i++) {
                double v = line.value.applyAsDouble(steps.get(i));
                if (Double.isNaN(v)) {
                    continue;
                }
                int x = left + (n == 1 ? plotW / 2 : plotW * i / (n - 1));
                int y = top + plotH - (int) (plotH * Math.max(v, 0) / max);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(left + plotW + 15, legend - 8, 12, 8);
            g.drawString(line.name, left + plotW + 32, legend);
            legend += 18;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private record Series(String name, Color color, ToDoubleFunction<Step> value) {}
}
