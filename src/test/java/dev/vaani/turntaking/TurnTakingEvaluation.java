package dev.vaani.turntaking;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.VaaniApplication;
import dev.vaani.call.TurnTakingSettings;
import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The turn-taking evaluation: the committed clips ({@code scripts/make-turn-taking-clips.sh}) played by simulated
 * callers through the real server (offline recogniser, scripted agent, offline voice), once with the energy detector
 * and once with the neural one, with noise beds mixed under everything the caller sends. Prints the table that
 * {@code docs/turn-taking.md} holds. Run: {@code ./mvnw -q -Pturn-taking verify}.
 *
 * <p>Three kinds of call: noise only while the bot greets (false barge-ins), a backchannel 2 s into the greeting
 * (did it stop the bot), and a sentence answered by the bot, then another sentence spoken over the bot's reply
 * (end of turn, premature ends, barge-in reaction).
 */
public final class TurnTakingEvaluation {

    static final String[] NOISES = {"white", "pink", "brown", "babble", "hum"};
    /** Rooms of other voices the detector was never tuned on ({@code --beds=check}), in place of the noises. */
    static final String[] CHECK_ROOMS = {"crowd4", "crowd7", "conversation", "crowd-recorded"};
    /** Rooms made to judge a finished talking-room rule once ({@code --beds=sealed}); not run when they were made. */
    static final String[] SEALED_ROOMS = {"crowd5", "crowd6", "conversation3"};
    /**
     * Sudden sounds that are not speech ({@code --beds=transients}, scripts/make-transient-rooms.py): horns, knocks,
     * passing traffic, a kitchen. Made 2026-12-06 after every rule was chosen; no rule was tuned on them.
     */
    static final String[] TRANSIENT_ROOMS = {"horns", "knocks", "traffic", "kitchen"};
    /** Other sudden sounds made the same day to judge a finished rule on them once; run by nobody yet. */
    static final String[] SEALED_TRANSIENT_ROOMS = {"truck", "bells", "whistle", "street"};
    static final int[] SNRS = {20, 10, 5};
    static final String[] HALVES = {"tune", "heldout", "blind", "fresh", "recorded"};
    /**
     * The halves whose speech level the SNRs are set from: the four espeak-ng ones. The recorded-voice half, added
     * after them (scripts/make-recorded-half.sh), is made at their level rather than moving it for every table.
     */
    private static final List<String> LEVEL_HALVES = List.of("tune", "heldout", "blind", "fresh");
    /** Answer-and-interruption calls per noise and SNR: 5 noises x 2 = 10 answers per end-of-turn cell. */
    private static final int CALLS_PER_CELL = 2;
    private static final int PARALLEL_CALLS = 4;
    private static Path recordings;

    private final JsonMapper json = new JsonMapper();
    private static volatile boolean printDetails;
    private static volatile List<String> only = List.of();
    /** /media needs the media secret: the evaluation's servers get this one, its callers send it. */
    private final String mediaSecret = java.util.UUID.randomUUID().toString();
    private final Map<String, AudioClip> noiseBeds = new LinkedHashMap<>();
    private final double speechDbfs;

    private TurnTakingEvaluation() {
        for (String noise : NOISES) {
            noiseBeds.put(noise, clip("noise/" + noise + ".wav", noise));
        }
        speechDbfs = activeSpeechDbfs();
    }

    /**
     * Arguments: {@code --write=FILE} writes the table; {@code --modes=neural} and {@code --halves=tune} run a part
     * (tuning runs look at the tuning half only, so the held-out half stays unseen until the rules are final);
     * {@code --details} prints a line a call; {@code --only=backchannel} (or noise, speech) runs one kind of call;
     * {@code --record=DIR} writes each answer-and-interruption call as a stereo WAV (left caller, right bot) there;
     * {@code --sweep} runs {@link DetectorSweep} instead of calls; {@code --beds=check} (or {@code sealed},
     * {@code transients}) runs either over those rooms instead of the noise beds (write the table elsewhere: it is
     * not the evaluation's);
     * {@code --beds=training} over the room-voice probe's training rooms ({@code --training-set=DIR}).
     * {@code --state-dump=FILE} writes the model's memory over rooms and callers' first words for the offline probe
     * of docs/turn-taking.md step 32 ({@link dev.vaani.audio.ModelStateDump}; the unlooped rooms from
     * {@code --rooms=DIR}, default {@code target/unlooped-rooms}) and runs nothing else; with
     * {@code --training-set=DIR} (step 37, {@code scripts/make-probe-training.py}) over that set instead. Run a part:
     * {@code ./mvnw -q -Pturn-taking verify -Dturn-taking.args="--modes=neural --halves=tune --details"}.
     */
    public static void main(String[] args) throws Exception {
        String stateDump = option(args, "--state-dump=", "");
        String trainingSet = option(args, "--training-set=", "");
        if (!stateDump.isEmpty() && !trainingSet.isEmpty()) {
            dev.vaani.audio.ModelStateDump.writeTraining(Path.of(stateDump), Path.of(trainingSet));
            System.exit(0);
        }
        if (!stateDump.isEmpty()) {
            dev.vaani.audio.ModelStateDump.write(Path.of(stateDump), Path.of("src/test/resources/turn-taking"),
                    Path.of(option(args, "--rooms=", "target/unlooped-rooms")));
            System.exit(0);
        }
        TurnTakingEvaluation evaluation = new TurnTakingEvaluation();
        switch (option(args, "--beds=", "evaluation")) {
            case "evaluation" -> { }
            case "check" -> evaluation.useRooms("check", CHECK_ROOMS);
            case "sealed" -> evaluation.useRooms("sealed", SEALED_ROOMS);
            case "transients" -> evaluation.useRooms("transients", TRANSIENT_ROOMS);
            case "transients-sealed" -> evaluation.useRooms("transients-sealed", SEALED_TRANSIENT_ROOMS);
            case "training" -> evaluation.useTrainingRooms(Path.of(option(args, "--training-set=",
                    "target/probe-training")));
            default -> throw new IllegalArgumentException(
                    "--beds= takes evaluation, check, sealed, transients, transients-sealed or training");
        }
        List<String> modes = List.of(option(args, "--modes=", "energy,neural").split(","));
        List<String> halves = List.of(option(args, "--halves=", String.join(",", HALVES)).split(","));
        printDetails = List.of(args).contains("--details");
        if (List.of(args).contains("--sweep")) {
            evaluation.sweep(halves, args);
            System.exit(0);
        }
        if (List.of(args).contains("--commit-sweep")) {
            evaluation.commitSweep(halves, args);
            System.exit(0);
        }
        only = List.of(option(args, "--only=", "noise,backchannel,speech").split(","));
        String record = option(args, "--record=", "");
        recordings = record.isEmpty() ? null : Files.createDirectories(Path.of(record));
        long started = System.nanoTime();
        Map<String, Results> byMode = new LinkedHashMap<>();
        for (String mode : modes) {
            byMode.put(mode, evaluation.run(mode, halves));
        }
        System.err.printf("wall time %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        publish(Results.table(byMode, evaluation.speechDbfs, evaluation.beds(), halves), args);
        System.exit(0);
    }

    /** Rooms of voices replace the noise beds: every call and the sweep run over them, at the same SNRs. */
    private void useRooms(String folder, String[] rooms) {
        noiseBeds.clear();
        for (String room : rooms) {
            noiseBeds.put(room, clip(folder + "/" + room + ".wav", room));
        }
    }

    /**
     * The room-voice probe's training rooms ({@code scripts/make-probe-training.py}, step 37) replace the noise beds:
     * how sure the probe must be is chosen on them with the tuning half (step 37; since step 38 also asking that no
     * evaluation noise bed alone start speech), never on the evaluation's calls.
     */
    private void useTrainingRooms(Path set) throws IOException {
        noiseBeds.clear();
        try (var rooms = Files.list(set.resolve("rooms"))) {
            for (Path room : rooms.filter(path -> path.toString().endsWith(".wav")).sorted().toList()) {
                String name = room.getFileName().toString().replace(".wav", "");
                noiseBeds.put(name, AudioClip.fromWav("training:" + name, Files.readAllBytes(room)));
            }
        }
    }

    /** The beds every call and the sweep run over, in order: the noises, or the rooms that replaced them. */
    private List<String> beds() {
        return List.copyOf(noiseBeds.keySet());
    }

    private void commitSweep(List<String> halves, String[] args) throws Exception {
        long started = System.nanoTime();
        Map<String, List<AudioClip>> speech = new LinkedHashMap<>();
        Map<String, List<AudioClip>> backchannels = new LinkedHashMap<>();
        for (String half : halves) {
            speech.put(half, speechClips(half).stream().map(clip -> clip.atRate(8000)).toList());
            backchannels.put(half, numberedClips("backchannel/" + half, "bc").stream().map(clip -> clip.atRate(8000))
                    .toList());
        }
        TurnTakingSettings settings = CommitSweep.neuralCallSettings();
        List<CommitSweep.Case> cases = CommitSweep.run(halves, speech, backchannels, noiseBeds, SNRS, speechDbfs,
                settings);
        String alone = CommitSweep.aloneTable(CommitSweep.alone(noiseBeds, SNRS, speechDbfs, settings));
        if (printDetails) {
            cases.stream().filter(c -> c.kind().equals("speech") == (c.commitAfterMs() < 0))
                    .forEach(c -> System.err.println("COMMIT " + c));
        }
        System.err.printf("wall time %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        publish(CommitSweep.table(cases, halves) + alone, args);
    }

    private void sweep(List<String> halves, String[] args) throws Exception {
        long started = System.nanoTime();
        Map<String, List<AudioClip>> speech = new LinkedHashMap<>();
        for (String half : halves) {
            speech.put(half, speechClips(half).stream().map(clip -> clip.atRate(8000)).toList());
        }
        List<DetectorSweep.Case> cases = DetectorSweep.run(halves, speech, noiseBeds, SNRS, speechDbfs);
        if (printDetails) {
            cases.stream().filter(c -> c.pauseAfterMs() > 200 || c.pauseAfterMs() < 0 || c.leaningWhileSilentMs() > 0)
                    .forEach(c -> System.err.println("SWEEP " + c));
        }
        String alone = DetectorSweep.aloneTable(DetectorSweep.alone(noiseBeds, SNRS, speechDbfs));
        System.err.printf("wall time %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        publish(DetectorSweep.table(cases, halves) + alone, args);
    }

    private static void publish(String table, String[] args) throws IOException {
        System.out.println(table);
        String write = option(args, "--write=", "");
        if (!write.isEmpty()) {
            Files.writeString(Path.of(write), table);
        }
    }

    private static String option(String[] args, String prefix, String otherwise) {
        for (String arg : args) {
            if (arg.startsWith(prefix)) {
                return arg.substring(prefix.length());
            }
        }
        return otherwise;
    }

    private Results run(String mode, List<String> halves) throws Exception {
        Path data = Path.of("target", "turn-taking-" + mode);
        ConfigurableApplicationContext server = SpringApplication.run(VaaniApplication.class,
                "--server.port=0", "--vaani.vad.mode=" + mode, "--vaani.data-dir=" + data.toAbsolutePath(),
                "--vaani.call.media-secret=" + mediaSecret,
                "--vaani.providers.deepgram.mode=offline", "--vaani.providers.openai.mode=offline",
                "--vaani.providers.elevenlabs.mode=offline", "--logging.level.root=WARN",
                "--logging.level.dev.vaani.call.VoiceDetection=INFO", "--spring.main.banner-mode=off",
                // with --details, each turn-taking decision of each call, with its millisecond of call audio
                "--logging.level.dev.vaani.call.LiveCall=" + (printDetails ? "DEBUG" : "WARN"));
        try {
            int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            Results results = new Results();
            List<Runnable> calls = new ArrayList<>();
            List<String> beds = beds();
            for (String noise : only.contains("noise") ? beds : List.<String>of()) {
                for (int snr : SNRS) {
                    calls.add(() -> {
                        Done done = call(port, noiseOnlyScenario(), noise, snr);
                        results.noiseOnly(noise, snr, done.report());
                        details(jdbc, mode, "noise", noise, snr, "", done);
                    });
                }
            }
            for (String half : halves) {
                List<AudioClip> backchannels = only.contains("backchannel")
                        ? numberedClips("backchannel/" + half, "bc") : List.of();
                for (int i = 1; i <= backchannels.size(); i++) {
                    String noise = beds.get(i % beds.size());
                    AudioClip bc = backchannels.get(i - 1);
                    calls.add(() -> {
                        Done done = call(port, backchannelScenario(bc), noise, 10);
                        results.backchannel(half, done.report(), interruptedBotLines(jdbc, done.callSid()));
                        details(jdbc, mode, half, noise, 10, bc.name(), done);
                    });
                }
                List<AudioClip> speech = speechClips(half);
                int n = 0;
                for (int repeat = 0; repeat < (only.contains("speech") ? CALLS_PER_CELL : 0); repeat++) {
                    for (String noise : beds) {
                        for (int snr : SNRS) {
                            AudioClip answer = speech.get(n % speech.size());
                            AudioClip interruption = speech.get((n + 3) % speech.size());
                            n++;
                            calls.add(() -> {
                                Done done = call(port, speechScenario(answer, interruption), noise, snr,
                                        recording(mode, half, noise, snr, answer, interruption));
                                results.speech(half, snr, done.report(), serverTurns(jdbc, done.callSid()));
                                details(jdbc, mode, half, noise, snr, answer.name() + " / " + interruption.name(), done);
                            });
                        }
                    }
                }
            }
            runAll(calls);
            System.err.printf("%s: %d calls done%n", mode, calls.size());
            return results;
        } finally {
            server.close();
        }
    }

    private static void runAll(List<Runnable> calls) throws Exception {
        List<Runnable> shuffled = new ArrayList<>(calls);
        Collections.shuffle(shuffled, new java.util.Random(14));
        Semaphore slots = new Semaphore(PARALLEL_CALLS);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable call : shuffled) {
                slots.acquire();
                done.add(pool.submit(() -> {
                    try {
                        call.run();
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** A finished simulated call and its id on the server. */
    record Done(String callSid, CallReport report) {}

    private Done call(int port, Scenario scenario, String noise, int snr) {
        return call(port, scenario, noise, snr, null);
    }

    private Done call(int port, Scenario scenario, String noise, int snr, Path recording) {
        String callSid = "eval" + java.util.UUID.randomUUID().toString().replace("-", "");
        return new Done(callSid, new SimulatedCall(SimulatorOptions.builder().url("ws://127.0.0.1:" + port + "/media")
                .callSid(callSid).token(mediaSecret).noiseBed(noiseBeds.get(noise)).noiseDbfs(speechDbfs - snr)
                .recording(recording).build(), scenario).run());
    }

    private static Path recording(String mode, String half, String noise, int snr, AudioClip answer, AudioClip next) {
        if (recordings == null) {
            return null;
        }
        String name = String.join("_", mode, half, noise, snr + "dB", answer.name(), next.name()).replaceAll("[^A-Za-z0-9_-]+", "-");
        return recordings.resolve(name + ".wav");
    }

    private static Scenario noiseOnlyScenario() {
        return Scenario.builder("noise only").waitForBotToFinish(600).hangUp().timeout(Duration.ofSeconds(40)).build();
    }

    private static Scenario backchannelScenario(AudioClip backchannel) {
        return Scenario.builder("backchannel").bargeIn(2000, backchannel).waitForBotToFinish(600).hangUp()
                .timeout(Duration.ofSeconds(40)).build();
    }

    private static Scenario speechScenario(AudioClip answer, AudioClip interruption) {
        return Scenario.builder("answer and interruption").waitForBotToFinish(600).say(answer)
                .bargeIn(1200, interruption).waitForBotToFinish(600).hangUp().timeout(Duration.ofSeconds(60)).build();
    }

    private List<AudioClip> speechClips(String half) {
        return numberedClips("speech/" + half, "say");
    }

    /** {@code prefix-01.wav}, {@code prefix-02-pause.wav}, ... until the numbering stops. */
    private static List<AudioClip> numberedClips(String prefix, String kind) {
        List<AudioClip> clips = new ArrayList<>();
        for (int i = 1; ; i++) {
            String plain = prefix + "-%02d.wav".formatted(i);
            String paused = prefix + "-%02d-pause.wav".formatted(i);
            if (exists(plain)) {
                clips.add(clip(plain, kind));
            } else if (exists(paused)) {
                clips.add(clip(paused, "pause"));
            } else {
                return clips;
            }
        }
    }

    private static boolean exists(String path) {
        return TurnTakingEvaluation.class.getResource("/turn-taking/" + path) != null;
    }

    /** With --details, one line a call on stderr: what the caller did, what the server heard and did. */
    private void details(JdbcClient jdbc, String mode, String what, String noise, int snr, String clips, Done done) {
        if (!printDetails) {
            return;
        }
        StringBuilder line = new StringBuilder("DETAIL " + mode + " " + what + " " + noise + " " + snr + "dB " + clips
                + " clears=" + done.report().clearsReceived());
        for (CallReport.CallerTurn t : done.report().turns()) {
            line.append(String.format(java.util.Locale.ROOT, " | turn%s onset=%d end=%d spokenEnd=%d clearAfter=%.0f received=%s",
                    t.bargeIn() ? "(barge)" : "", t.onsetSentMs(), t.endSentMs(), t.speechEndMs(), t.clearAfterOnsetMs(),
                    t.latencyReceivedMs().isPresent() ? String.valueOf(t.latencyReceivedMs().getAsLong()) : "-"));
        }
        line.append(" | server ").append(serverTurns(jdbc, done.callSid()));
        for (JsonNode l : storedJson(jdbc, done.callSid(), "transcript")) {
            line.append(" | ").append(l.path("speaker").asText()).append(l.path("interrupted").asBoolean() ? "(int)" : "")
                    .append(": ").append(l.path("text").asText().replaceAll("\\s+", " "), 0,
                            Math.min(60, l.path("text").asText().length()));
        }
        System.err.println(line);
    }

    private int interruptedBotLines(JdbcClient jdbc, String callSid) {
        JsonNode transcript = storedJson(jdbc, callSid, "transcript");
        int interrupted = 0;
        for (JsonNode line : transcript) {
            interrupted += line.path("interrupted").asBoolean() ? 1 : 0;
        }
        return interrupted;
    }

    private JsonNode serverTurns(JdbcClient jdbc, String callSid) {
        return storedJson(jdbc, callSid, "turn_metrics");
    }

    /** The call's row, once the server has stored its end (written off the call's thread, so polled briefly). */
    private JsonNode storedJson(JdbcClient jdbc, String callSid, String column) {
        for (int attempt = 0; attempt < 100; attempt++) {
            var row = jdbc.sql("SELECT " + column + "::text FROM call_sessions WHERE call_sid = ? AND ended_at IS NOT NULL")
                    .param(callSid).query(String.class).optional();
            if (row.isPresent()) {
                try {
                    return json.readTree(row.get() == null ? "[]" : row.get());
                } catch (JacksonException e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                Thread.sleep(100); // a measuring harness, not a test: waits for the server's own write-behind
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return json.createArrayNode();
    }

    /** RMS level of the speech clips' loud frames, in dBFS: the reference the SNRs are relative to. */
    private double activeSpeechDbfs() {
        double sum = 0;
        long frames = 0;
        for (String half : LEVEL_HALVES) {
            for (AudioClip clip : speechClips(half)) {
                byte[] pcm = clip.pcm();
                for (int at = 0; at + 320 <= pcm.length; at += 320) {
                    double rms = rms(pcm, at, 320);
                    if (rms > 300) {
                        sum += rms * rms;
                        frames++;
                    }
                }
            }
        }
        return 20 * Math.log10(Math.sqrt(sum / frames) / 32768);
    }

    static double rms(byte[] pcm, int offset, int length) {
        double sum = 0;
        for (int i = offset; i + 1 < offset + length; i += 2) {
            double s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            sum += s * s;
        }
        return Math.sqrt(sum / (length / 2.0));
    }

    static AudioClip clip(String path, String kind) {
        try (InputStream in = TurnTakingEvaluation.class.getResourceAsStream("/turn-taking/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing clip " + path + "; run scripts/make-turn-taking-clips.sh");
            }
            return AudioClip.fromWav(kind + ":" + path, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
