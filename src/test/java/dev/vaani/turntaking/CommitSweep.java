package dev.vaani.turntaking;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.NeuralVadSettings;
import dev.vaani.audio.NeuralVoiceDetector;
import dev.vaani.audio.SileroVad;
import dev.vaani.audio.VadDecision;
import dev.vaani.call.CallProperties;
import dev.vaani.call.TurnDecision;
import dev.vaani.call.TurnTaking;
import dev.vaani.call.TurnTakingSettings;
import dev.vaani.call.VadProperties;
import dev.vaani.simulator.AudioClip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the turn rules decide over the bot, offline and at scale: the neural detector's verdicts for a caller's
 * answer, then the line while the bot replies, then an interruption or a backchannel over the reply, fed to the call's
 * own {@link TurnTaking} from the reply's start (no recogniser: what the detector alone commits; a final transcript
 * that claims the floor can only add commits). An interruption should be taken (the bot stops for it and the caller
 * has the floor); a backchannel should not; and a bed alone under a long reply should never stop it. The
 * evaluation's calls see two of each per noise and SNR; this sweeps every ordered pair of a half's sentences.
 */
final class CommitSweep {

    private static final int GAP_MS = DetectorSweep.GAPS_MS[0]; // the answer's last spoken sample to the interruption's first
    private static final int REPLY_AFTER_MS = 600;  // the answer's last spoken sample to the reply's first audio
    private static final int TAIL_MS = 2000;        // line after the interruption: time to resume, or to commit
    private static final int FRAME_BYTES = 320;
    private static final int FRAME_MS = 20;
    private static final int ALONE_LEARNT_MS = 2000;

    /**
     * @param pauseAfterMs  the interruption's first spoken sample to the bot's pause, -1 if it never paused
     * @param commitAfterMs the same to the interruption being committed (the caller has the floor), -1 if never
     * @param pausesBefore  pauses of the reply before the interruption began (the room's)
     * @param stoppedBefore the room stopped the reply (an interruption committed) before the caller began
     */
    record Case(String half, String kind, String noise, int snr, String clip, int pauseAfterMs, int commitAfterMs,
                int pausesBefore, boolean stoppedBefore) {
    }

    private CommitSweep() {
    }

    /** The turn rules a call with the neural detector gets, as the server binds them with nothing configured. */
    static TurnTakingSettings neuralCallSettings() {
        VadProperties vad = DetectorSweep.bound("vaani.vad", VadProperties.class);
        return TurnTakingSettings.from(DetectorSweep.bound("vaani.call", CallProperties.class), vad.bargeInConfirmMs(),
                vad.pauseConfirmMs());
    }

    static List<Case> run(List<String> halves, Map<String, List<AudioClip>> speechByHalf,
                          Map<String, List<AudioClip>> backchannelsByHalf, Map<String, AudioClip> noiseBeds,
                          int[] snrs, double speechDbfs, TurnTakingSettings settings) throws Exception {
        return DetectorSweep.overEveryCell(halves, noiseBeds, snrs, (vad, half, noise, bed, snr) -> cell(vad, settings,
                half, speechByHalf.get(half), backchannelsByHalf.get(half), noise, bed, snr, speechDbfs - snr));
    }

    /** What a bed alone did to a reply playing over it: the pauses, and the stops (a committed interruption). */
    record Alone(int pauses, int stops) {
    }

    /**
     * Each bed alone under a long reply (the detector has learnt the line for 2 s first, as in the greeting), at each
     * SNR's level: how often it paused the bot and how often it stopped it; after a stop the bot replies again.
     */
    static Map<String, Alone> alone(Map<String, AudioClip> noiseBeds, int[] snrs, double speechDbfs,
                                    TurnTakingSettings settings) throws Exception {
        Map<String, Alone> results = new java.util.TreeMap<>();
        try (SileroVad vad = SileroVad.loadBundled()) {
            for (var noise : noiseBeds.entrySet()) {
                byte[] bed = noise.getValue().atRate(8000).pcm();
                for (int snr : snrs) {
                    results.put(noise.getKey() + " " + snr + " dB", alone(vad, settings, bed,
                            DetectorSweep.gain(bed, speechDbfs - snr)));
                }
            }
        }
        return results;
    }

    private static Alone alone(SileroVad vad, TurnTakingSettings settings, byte[] bed, double gain) {
        byte[] frame = new byte[FRAME_BYTES];
        NeuralVoiceDetector detector = new NeuralVoiceDetector(vad, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS);
        int pauses = 0;
        int stops = 0;
        TurnTaking turns = null;
        try {
            for (int at = 0; at < DetectorSweep.ALONE_MS * 16; at += FRAME_BYTES) {
                java.util.Arrays.fill(frame, (byte) 0);
                DetectorSweep.addBed(frame, at, bed, gain);
                VadDecision verdict = detector.process(frame, 0, FRAME_BYTES);
                if (at < ALONE_LEARNT_MS * 16) {
                    continue;
                }
                if (turns == null) {
                    turns = botReplying(settings);
                }
                TurnDecision decision = turns.onAudioFrame(verdict, FRAME_MS);
                if (decision instanceof TurnDecision.PauseBot) {
                    pauses++;
                } else if (decision instanceof TurnDecision.InterruptBot) {
                    stops++;
                    turns = null; // the bot answers what it took for a caller, and talks again
                }
            }
        } finally {
            detector.close();
        }
        return new Alone(pauses, stops);
    }

    /** A call's turn rules with the bot playing a reply (not the greeting, so nothing protects it). */
    private static TurnTaking botReplying(TurnTakingSettings settings) {
        TurnTaking turns = new TurnTaking(settings);
        turns.onBotAudioStarted(false);
        return turns;
    }

    static String aloneTable(Map<String, Alone> results) {
        StringBuilder out = new StringBuilder("\nEach noise alone for " + DetectorSweep.ALONE_MS / 1000
                + " s under a reply: the bot's pauses and stops, by noise and SNR:\n\n");
        results.forEach((cell, alone) -> {
            if (alone.pauses() > 0 || alone.stops() > 0) {
                out.append(String.format(Locale.ROOT, "- %s: %d pauses, %d stops%n", cell, alone.pauses(),
                        alone.stops()));
            }
        });
        return results.values().stream().allMatch(a -> a.pauses() == 0 && a.stops() == 0)
                ? out.append("- none\n").toString() : out.toString();
    }

    private static List<Case> cell(SileroVad vad, TurnTakingSettings settings, String half, List<AudioClip> speech,
                                   List<AudioClip> backchannels, String noise, byte[] bed, int snr, double noiseDbfs) {
        double gain = DetectorSweep.gain(bed, noiseDbfs);
        List<Case> cases = new ArrayList<>();
        for (AudioClip answer : speech) {
            for (AudioClip interruption : speech) {
                if (answer != interruption) {
                    cases.add(oneCall(vad, settings, half, "speech", noise, snr, bed, gain, answer, interruption));
                }
            }
        }
        for (int i = 0; i < backchannels.size(); i++) {
            AudioClip answer = speech.get(i % speech.size());
            cases.add(oneCall(vad, settings, half, "backchannel", noise, snr, bed, gain, answer, backchannels.get(i)));
        }
        return cases;
    }

    private static Case oneCall(SileroVad vad, TurnTakingSettings settings, String half, String kind, String noise,
                                int snr, byte[] bed, double gain, AudioClip answer, AudioClip over) {
        var call = DetectorSweep.CallLine.of(answer, over, GAP_MS, TAIL_MS, bed, gain);
        byte[] line = call.pcm();
        int replyAt = call.answerEnd() + REPLY_AFTER_MS * 16;
        int onset = call.onset();
        NeuralVoiceDetector detector = new NeuralVoiceDetector(vad, AudioFormat.PHONE_8K, NeuralVadSettings.DEFAULTS);
        TurnTaking turns = null;
        int pauseAfterMs = -1;
        int commitAfterMs = -1;
        int pausesBefore = 0;
        boolean stoppedBefore = false;
        try {
            for (int at = 0; at + FRAME_BYTES <= line.length && commitAfterMs < 0 && !stoppedBefore;
                 at += FRAME_BYTES) {
                VadDecision verdict = detector.process(line, at, FRAME_BYTES);
                int end = at + FRAME_BYTES;
                if (end <= replyAt) {
                    continue; // the answer's own turn is not what this measures
                }
                if (turns == null) {
                    turns = botReplying(settings);
                }
                TurnDecision decision = turns.onAudioFrame(verdict, FRAME_MS);
                if (decision instanceof TurnDecision.PauseBot) {
                    if (end <= onset) {
                        pausesBefore++;
                    } else if (pauseAfterMs < 0) {
                        pauseAfterMs = (end - onset) / 16;
                    }
                } else if (decision instanceof TurnDecision.InterruptBot) {
                    if (end <= onset) {
                        stoppedBefore = true;
                    } else {
                        commitAfterMs = (end - onset) / 16;
                    }
                }
            }
        } finally {
            detector.close();
        }
        return new Case(half, kind, noise, snr, over.name(), pauseAfterMs, commitAfterMs, pausesBefore, stoppedBefore);
    }

    /** A row per half and kind: how many were taken, and how fast; the cells where an interruption was not taken. */
    static String table(List<Case> cases, List<String> halves) {
        StringBuilder out = new StringBuilder("| Half | kind | calls | paused | taken | taken p50 / p95 ms |"
                + " paused, then resumed | pauses before it | stopped before it |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String half : halves) {
            for (String kind : List.of("speech", "backchannel")) {
                List<Case> mine = cases.stream().filter(c -> c.half().equals(half) && c.kind().equals(kind)).toList();
                int[] taken = mine.stream().mapToInt(Case::commitAfterMs).filter(ms -> ms >= 0).sorted().toArray();
                out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %s | %d | %d | %d |%n", half, kind,
                        mine.size(), mine.stream().filter(c -> c.pauseAfterMs() >= 0).count(), taken.length,
                        taken.length == 0 ? "-" : taken[(taken.length - 1) / 2] + " / "
                                + taken[Math.max(0, (int) Math.ceil(taken.length * 0.95) - 1)],
                        mine.stream().filter(c -> c.pauseAfterMs() >= 0 && c.commitAfterMs() < 0).count(),
                        mine.stream().mapToInt(Case::pausesBefore).sum(),
                        mine.stream().filter(Case::stoppedBefore).count()));
            }
        }
        out.append("\nInterruptions not taken, by noise and SNR, per half (").append(String.join(", ", halves))
                .append("):\n\n");
        var byCell = new java.util.TreeMap<String, int[]>();
        for (Case c : cases) {
            if (c.kind().equals("speech") && c.commitAfterMs() < 0) {
                byCell.computeIfAbsent(c.noise() + " " + c.snr() + " dB", k -> new int[halves.size()])
                        [halves.indexOf(c.half())]++;
            }
        }
        byCell.forEach((cell, counts) -> out.append("- ").append(cell).append(": ")
                .append(java.util.Arrays.toString(counts)).append('\n'));
        if (byCell.isEmpty()) {
            out.append("- none\n");
        }
        return out.toString();
    }
}
