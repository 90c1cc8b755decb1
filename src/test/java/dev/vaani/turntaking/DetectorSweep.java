package dev.vaani.turntaking;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.NeuralVadSettings;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.Pcm16;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.VadDecision;
import dev.vaani.call.CallProperties;
import dev.vaani.simulator.AudioClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The neural detector alone, swept wider than the evaluation's calls can afford (2 calls per noise and SNR there,
 * every ordered pair of a half's sentences and two reply lengths here): the caller answers, the line carries only
 * noise while the bot replies, and the caller interrupts. It reports when the detector first leans to speech after
 * the interruption's first spoken sample (the frame the bot pauses on) and any leaning while the caller is silent;
 * then, with each noise alone on the line for a minute, every moment the detector began to lean to speech (a room
 * learnt without a caller's answer raising its bed, as under a long reply). The same detector and settings as the
 * call path, 20 ms frames at 8 kHz, no server: the evaluation's clears come about 40 ms after these decisions (its
 * p50 against this sweep's).
 */
final class DetectorSweep {

    /** Answer's last spoken sample to the interruption's first: about the evaluation's gap, and 0.6 s later. */
    static final int[] GAPS_MS = {1700, 2300};
    private static final int LEAD_MS = 6000;          // the greeting: noise only, so the line is learnt
    private static final int CALLERS_MEMORY_MS = 800; // the model's memory of the answer, not counted as leaning
    private static final int FRAME_BYTES = 320;
    /** A bed alone this long: a long reply the caller lets play, or a caller who says nothing for a while. */
    static final int ALONE_MS = 60_000;
    private static final int ALONE_LEARNT_MS = 2000; // the bed is learnt and onsets count (greeting protection 1.5 s)

    /**
     * @param endOfTurnAfterMs the answer's last spoken sample to the frame that completes the call's end-of-turn
     *                         silence in this detector's decisions, or -1 if it never did before the interruption
     * @param silentMidAnswer  that silence was completed between the answer's first and last spoken samples (a
     *                         pause the detector alone would take for the turn's end)
     */
    record Case(String half, String noise, int snr, String answer, String interruption, int gapMs, int pauseAfterMs,
                int leaningWhileSilentMs, int endOfTurnAfterMs, boolean silentMidAnswer) {
    }

    /** The call's end-of-turn silence, as the server binds it (application.yml, then the properties' defaults). */
    private static final int END_OF_TURN_SILENCE_MS = callSettings().endOfTurnSilenceMs();

    private DetectorSweep() {
    }

    static List<Case> run(List<String> halves, Map<String, List<AudioClip>> speechByHalf,
                          Map<String, AudioClip> noiseBeds, int[] snrs, double speechDbfs) throws Exception {
        return overEveryCell(halves, noiseBeds, snrs, (vad, half, noise, bed, snr) ->
                cell(vad, half, speechByHalf.get(half), noise, bed, snr, speechDbfs - snr));
    }

    /** The calls of one half over one bed (8 kHz) at one SNR. */
    interface Cell<T> {
        List<T> run(SileroVad vad, String half, String noise, byte[] bed, int snr);
    }

    /** Every half, bed and SNR, a cell per core, the results in that order; one model shared by all. */
    static <T> List<T> overEveryCell(List<String> halves, Map<String, AudioClip> noiseBeds, int[] snrs, Cell<T> cell)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (SileroVad vad = SileroVad.loadBundled()) {
            List<Future<List<T>>> cells = new ArrayList<>();
            for (String half : halves) {
                for (var noise : noiseBeds.entrySet()) {
                    byte[] bed = noise.getValue().atRate(8000).pcm();
                    for (int snr : snrs) {
                        cells.add(pool.submit(() -> cell.run(vad, half, noise.getKey(), bed, snr)));
                    }
                }
            }
            List<T> results = new ArrayList<>();
            for (Future<List<T>> done : cells) {
                results.addAll(done.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** What the detector did with one bed alone on the line: the seconds at which it began to lean to speech. */
    record Alone(List<Double> speechStarts, List<Double> onsetsOnly) {
    }

    /**
     * Each bed alone on the line for {@link #ALONE_MS}, at each SNR's level (what a long reply the caller lets play
     * hears): when, after the bed's first 2 s, the detector began to lean to speech; per bed and SNR.
     */
    static Map<String, Alone> alone(Map<String, AudioClip> noiseBeds, int[] snrs, double speechDbfs) throws Exception {
        Map<String, Alone> results = new TreeMap<>();
        try (SileroVad vad = SileroVad.loadBundled()) {
            for (var noise : noiseBeds.entrySet()) {
                byte[] bed = noise.getValue().atRate(8000).pcm();
                for (int snr : snrs) {
                    results.put(noise.getKey() + " " + snr + " dB", alone(vad, bed, speechDbfs - snr));
                }
            }
        }
        return results;
    }

    private static Alone alone(SileroVad vad, byte[] bed, double noiseDbfs) {
        double gain = gain(bed, noiseDbfs);
        byte[] frame = new byte[FRAME_BYTES];
        Alone result = new Alone(new ArrayList<>(), new ArrayList<>());
        NeuralVoiceDetector detector = new NeuralVoiceDetector(vad, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS);
        try {
            VadDecision before = VadDecision.SILENCE;
            for (int at = 0; at < ALONE_MS * 16; at += FRAME_BYTES) {
                Arrays.fill(frame, (byte) 0);
                addBed(frame, at, bed, gain);
                VadDecision now = detector.process(frame, 0, FRAME_BYTES);
                int endMs = (at + FRAME_BYTES) / 16;
                if (endMs > ALONE_LEARNT_MS && now != before && now.leansToSpeech()) {
                    (now == VadDecision.SPEECH ? result.speechStarts() : result.onsetsOnly()).add(endMs / 1000.0);
                }
                before = now;
            }
        } finally {
            detector.close();
        }
        return result;
    }

    /** The beds-alone section of the sweep's report: the beds and SNRs where the detector leaned at all. */
    static String aloneTable(Map<String, Alone> results) {
        StringBuilder out = new StringBuilder("\nEach noise alone for " + ALONE_MS / 1000 + " s (a long reply the"
                + " caller lets play): speech starts and onsets after its first " + ALONE_LEARNT_MS / 1000
                + " s, by noise and SNR:\n\n");
        int lines = 0;
        for (var cell : results.entrySet()) {
            Alone alone = cell.getValue();
            if (!alone.speechStarts().isEmpty() || !alone.onsetsOnly().isEmpty()) {
                out.append(String.format(Locale.ROOT, "- %s: %d speech starts%s, %d onsets%s%n", cell.getKey(),
                        alone.speechStarts().size(), firstFew(alone.speechStarts()), alone.onsetsOnly().size(),
                        firstFew(alone.onsetsOnly())));
                lines++;
            }
        }
        return lines == 0 ? out.append("- none\n").toString() : out.toString();
    }

    private static String firstFew(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return "";
        }
        StringBuilder at = new StringBuilder(" (at ");
        for (int i = 0; i < Math.min(5, seconds.size()); i++) {
            at.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", seconds.get(i)));
        }
        return at.append(seconds.size() > 5 ? ", … s)" : " s)").toString();
    }

    private static List<Case> cell(SileroVad vad, String half, List<AudioClip> speech, String noise, byte[] bed,
                                   int snr, double noiseDbfs) {
        double gain = gain(bed, noiseDbfs);
        List<Case> cases = new ArrayList<>();
        for (AudioClip answer : speech) {
            for (AudioClip interruption : speech) {
                if (answer == interruption) {
                    continue;
                }
                for (int gapMs : GAPS_MS) {
                    cases.add(oneCall(vad, half, noise, snr, bed, gain, answer, interruption, gapMs));
                }
            }
        }
        return cases;
    }

    /**
     * A call's line at 8 kHz: the bed, the answer after {@link #LEAD_MS} of it, then {@code gapMs} after the answer's
     * last spoken sample the interruption's first, then {@code tailMs} more of the bed. Byte offsets.
     */
    record CallLine(byte[] pcm, int answerAt, int answerEnd, int onset) {

        static CallLine of(AudioClip answer, AudioClip interruption, int gapMs, int tailMs, byte[] bed, double gain) {
            int answerAt = LEAD_MS * 16;
            int answerEnd = answerAt + answer.speechEndByte();
            int interruptionAt = answerEnd + gapMs * 16 - interruption.speechStartByte();
            interruptionAt -= interruptionAt % 2;
            byte[] line = new byte[interruptionAt + interruption.pcm().length + tailMs * 16];
            add(line, answer.pcm(), answerAt);
            add(line, interruption.pcm(), interruptionAt);
            addBed(line, 0, bed, gain);
            return new CallLine(line, answerAt, answerEnd, interruptionAt + interruption.speechStartByte());
        }
    }

    private static Case oneCall(SileroVad vad, String half, String noise, int snr, byte[] bed, double gain,
                                AudioClip answer, AudioClip interruption, int gapMs) {
        CallLine call = CallLine.of(answer, interruption, gapMs, 0, bed, gain);
        byte[] line = call.pcm();
        int answerAt = call.answerAt();
        int answerEnd = call.answerEnd();
        int onset = call.onset();
        NeuralVoiceDetector detector = new NeuralVoiceDetector(vad, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS);
        int pauseAfterMs = -1;
        int leaningWhileSilentMs = 0;
        int endOfTurnAfterMs = -1;
        boolean silentMidAnswer = false;
        boolean heardAnswer = false;
        int silenceMs = 0;
        try {
            for (int at = 0; at + FRAME_BYTES <= line.length && pauseAfterMs < 0; at += FRAME_BYTES) {
                VadDecision decision = detector.process(line, at, FRAME_BYTES);
                boolean leans = decision.leansToSpeech();
                int end = at + FRAME_BYTES;
                // an onset is silence to everything but the bot's pause, so it does not hold the caller's turn open
                silenceMs = decision.isSpeech() ? 0 : silenceMs + 20;
                heardAnswer |= decision.isSpeech() && end > answerAt + answer.speechStartByte();
                if (heardAnswer && end < answerEnd && silenceMs >= END_OF_TURN_SILENCE_MS) {
                    silentMidAnswer = true;
                }
                if (endOfTurnAfterMs < 0 && end >= answerEnd && end <= onset && silenceMs >= END_OF_TURN_SILENCE_MS) {
                    endOfTurnAfterMs = (end - answerEnd) / 16;
                }
                if (leans && end > answerEnd + CALLERS_MEMORY_MS * 16 && end <= onset) {
                    leaningWhileSilentMs += 20;
                }
                if (leans && end > onset) {
                    pauseAfterMs = (end - onset) / 16;
                }
            }
        } finally {
            detector.close();
        }
        return new Case(half, noise, snr, answer.name(), interruption.name(), gapMs, pauseAfterMs,
                leaningWhileSilentMs, endOfTurnAfterMs, silentMidAnswer);
    }

    /**
     * The sweep's table, a row per half; then each noise and SNR where any interruption took over 200 ms, and each
     * where the detector leaned to speech while the caller was silent (the bot would have paused for the room); then
     * each interruption missed, by name.
     */
    static String table(List<Case> cases, List<String> halves) {
        StringBuilder out = new StringBuilder();
        out.append("| Half | interruptions | missed | detector p50 / p95 / max, ms | over 200 ms | over 260 ms |"
                + " leaning while the caller is silent |\n|---|---|---|---|---|---|---|\n");
        for (String half : halves) {
            List<Case> mine = cases.stream().filter(c -> c.half().equals(half)).toList();
            int[] heard = mine.stream().mapToInt(Case::pauseAfterMs).filter(ms -> ms >= 0).sorted().toArray();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d | %d ms |%n", half, mine.size(),
                    mine.size() - heard.length, heard.length == 0 ? "-" : heard[heard.length / 2] + " / "
                            + heard[heard.length * 95 / 100] + " / " + heard[heard.length - 1],
                    mine.stream().filter(c -> c.pauseAfterMs() > 200).count(),
                    mine.stream().filter(c -> c.pauseAfterMs() > 260).count(),
                    mine.stream().mapToInt(Case::leaningWhileSilentMs).sum()));
        }
        out.append(byCell(cases, halves, "Interruptions over 200 ms (or missed)",
                c -> c.pauseAfterMs() > 200 || c.pauseAfterMs() < 0));
        out.append(byCell(cases, halves, "Calls where the detector leaned to speech while the caller was silent",
                c -> c.leaningWhileSilentMs() > 0));
        out.append(endOfTurnTable(cases, halves));
        List<Case> missed = cases.stream().filter(c -> c.pauseAfterMs() < 0).toList();
        if (!missed.isEmpty()) {
            out.append("\nMissed: interruptions the detector never leaned to speech in:\n\n");
            for (Case c : missed) {
                out.append(String.format(Locale.ROOT, "- %s, %s %d dB: %s, then %s %.1f s after it%n", c.half(),
                        c.noise(), c.snr(), c.answer(), c.interruption(), c.gapMs() / 1000.0));
            }
        }
        return out.toString();
    }

    /**
     * When the detector alone would end each answer's turn: its end-of-turn silence completed, counted from the last
     * spoken sample, per half and SNR (every noise together; each answer once per noise, whatever followed it). The
     * server hears the line in Exotel's 100 ms messages, which adds up to 100 ms; a recogniser that ends the utterance
     * first ends the turn sooner, as PocketSphinx does in the evaluation's calls.
     */
    static String endOfTurnTable(List<Case> cases, List<String> halves) {
        record AnswerOnLine(String noise, int snr, String answer) {
        }
        List<Integer> snrs = cases.stream().map(Case::snr).distinct().sorted(Comparator.reverseOrder())
                .toList();
        StringBuilder out = new StringBuilder("\nEnd of turn by the detector alone (" + END_OF_TURN_SILENCE_MS
                + " ms of silence), from the answer's last spoken sample, p50 / p95 ms; answers whose turn it had not"
                + " ended before the interruption; answers with a silence that long between their first and last"
                + " spoken samples (all noises and SNRs):\n\n| Half |");
        snrs.forEach(snr -> out.append(' ').append(snr).append(" dB |"));
        out.append(" not ended | silent mid-answer |\n|---|").append("---|".repeat(snrs.size() + 2)).append('\n');
        for (String half : halves) {
            Map<AnswerOnLine, Case> answers = new LinkedHashMap<>();
            cases.stream().filter(c -> c.half().equals(half))
                    .forEach(c -> answers.putIfAbsent(new AnswerOnLine(c.noise(), c.snr(), c.answer()), c));
            out.append("| ").append(half).append(" |");
            for (int snr : snrs) {
                int[] ms = answers.values().stream().filter(c -> c.snr() == snr).mapToInt(Case::endOfTurnAfterMs)
                        .filter(v -> v >= 0).sorted().toArray();
                out.append(ms.length == 0 ? " - |" : String.format(Locale.ROOT, " %d / %d |", ms[(ms.length - 1) / 2],
                        ms[Math.max(0, (int) Math.ceil(ms.length * 0.95) - 1)]));
            }
            out.append(String.format(Locale.ROOT, " %d / %d | %d / %d |%n",
                    answers.values().stream().filter(c -> c.endOfTurnAfterMs() < 0).count(), answers.size(),
                    answers.values().stream().filter(Case::silentMidAnswer).count(), answers.size()));
        }
        return out.toString();
    }

    private static String byCell(List<Case> cases, List<String> halves, String what, Predicate<Case> counted) {
        Map<String, int[]> byCell = new TreeMap<>();
        for (Case c : cases) {
            int[] counts = byCell.computeIfAbsent(c.noise() + " " + c.snr() + " dB", k -> new int[halves.size()]);
            counts[halves.indexOf(c.half())] += counted.test(c) ? 1 : 0;
        }
        StringBuilder out = new StringBuilder("\n" + what + ", by noise and SNR, per half (")
                .append(String.join(", ", halves)).append("):\n\n");
        int lines = 0;
        for (var cell : byCell.entrySet()) {
            if (Arrays.stream(cell.getValue()).sum() > 0) {
                out.append("- ").append(cell.getKey()).append(": ").append(Arrays.toString(cell.getValue()))
                        .append('\n');
                lines++;
            }
        }
        return lines == 0 ? out.append("- none\n").toString() : out.toString();
    }

    private static CallProperties callSettings() {
        return bound("vaani.call", CallProperties.class);
    }

    /** Properties as the server binds them with nothing configured: application.yml, then their defaults. */
    static <T> T bound(String prefix, Class<T> type) {
        var environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    /** The gain that puts a bed at {@code noiseDbfs} (RMS). */
    static double gain(byte[] bed, double noiseDbfs) {
        return 32768 * Math.pow(10, noiseDbfs / 20) / Pcm16.rms(bed);
    }

    /** Adds the looped bed, scaled, under {@code line}, whose first byte is byte {@code bedAt} of the looped bed. */
    static void addBed(byte[] line, int bedAt, byte[] bed, double gain) {
        int bedBytes = bed.length - bed.length % 2;
        for (int i = 0; i + 1 < line.length; i += 2) {
            int noiseSample = (int) Math.round(Pcm16.sample(bed, (bedAt + i) % bedBytes) * gain);
            Pcm16.putSample(line, i, Pcm16.clip(Pcm16.sample(line, i) + noiseSample));
        }
    }

    private static void add(byte[] line, byte[] clip, int at) {
        for (int i = 0; i + 1 < clip.length && at + i + 1 < line.length; i += 2) {
            Pcm16.putSample(line, at + i, Pcm16.clip(Pcm16.sample(line, at + i) + Pcm16.sample(clip, i)));
        }
    }
}
