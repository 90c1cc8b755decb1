package dev.vaani.benchmark;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.SentenceSplitter;
import dev.vaani.fakes.FakeDeepgram;
import dev.vaani.fakes.FakeElevenLabs;
import dev.vaani.fakes.FakeOpenAi;
import dev.vaani.fakes.FakeReply;
import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark and load harness (issue 8). Starts the wire-faithful provider fakes with fixed latencies, starts Vaani
 * in its own JVM pointed at them (or uses {@code --url}), and drives step loads of simulated Exotel calls; measures
 * voice-to-voice latency, the latency the server adds over the providers' floor, barge-in reaction, underruns, server
 * CPU and heap per call; compares with a batch design and with a bare WebSocket echo server; writes Markdown, CSV and
 * a PNG plot.
 *
 * <pre>./mvnw -q -Pbenchmark verify [-Dbenchmark.args="--steps=10,100,250,500,1000,2000"]</pre>
 */
public final class Benchmark {

    // --- provider latencies (the defaults) ---
    static final long STT_FINAL_MS = 200;
    static final long LLM_FIRST_TOKEN_MS = 350;
    static final double LLM_TOKENS_PER_SECOND = 30;
    static final long TTS_FIRST_AUDIO_MS = 120;
    static final double TTS_REAL_TIME = 4;
    static final int TTS_CHUNK_BYTES = 1001; // the fake's default: odd, so sample alignment is exercised
    static final int SAMPLE_RATE = 8000;
    static final int EXOTEL_MIN_CHUNK_BYTES = 3200; // 200 ms at 8 kHz: the first chunk the server may send
    static final long BATCH_SILENCE_MS = 600;
    static final long BARGE_IN_CONFIRM_MS = 200; // the server's default
    static final long CALLER_CHUNK_MS = 100;    // Exotel's media messages, as the simulator sends them
    static final long VAD_FRAME_MS = 20;

    /**
     * The earliest a server can send {@code clear} after a caller's speech onset: once it has counted the confirm time
     * of speech in whole VAD frames (the frame holding the onset counts), and only when the media message carrying
     * that frame has arrived, since Exotel sends the caller's audio in messages of 100 ms.
     */
    static double bargeInFloorMs(long onsetMs) {
        long confirmedAt = onsetMs / VAD_FRAME_MS * VAD_FRAME_MS + BARGE_IN_CONFIRM_MS;
        long arrives = (confirmedAt + CALLER_CHUNK_MS - 1) / CALLER_CHUNK_MS * CALLER_CHUNK_MS;
        return arrives - onsetMs;
    }

    static final String FIRST_SENTENCE = "Got it, thank you for telling me.";
    static final String[] REST = {
            "Which area of the city would you like to live in?",
            "And what budget do you have in mind for this home?",
            "When are you hoping to move into the new place?",
            "Would you be taking a home loan for the purchase?",
    };
    static final String CALLER_TEXT = "I am looking for a two BHK apartment in Whitefield.";

    /** How a run is set up. */
    record Settings(List<Integer> steps, boolean shortScenario, long rampMs, URI url, Path out, Path jfr,
                    List<Integer> echoCalls, int warmupCalls, String serverHeap, boolean stopOnBreak, String vad,
                    Double noiseDbfs) {

        static Settings parse(String[] args) {
            List<Integer> steps = List.of(10, 100, 250, 500, 1000, 2000);
            boolean shortScenario = false;
            long ramp = 10_000;
            URI url = null;
            Path out = Path.of("docs");
            Path jfr = null;
            List<Integer> echo = List.of(100, 500);
            int warmup = 100;
            String heap = "4g";
            boolean stop = true;
            String vad = "neural";
            Double noise = null;
            for (String arg : args) {
                for (String a : arg.trim().split("\\s+")) {
                    if (a.isBlank()) {
                        continue;
                    }
                    String[] kv = a.split("=", 2);
                    String v = kv.length > 1 ? kv[1] : "";
                    switch (kv[0]) {
                        case "--steps" -> steps = ints(v);
                        case "--short" -> shortScenario = true;
                        case "--ramp-ms" -> ramp = Long.parseLong(v);
                        case "--url" -> url = URI.create(v);
                        case "--out" -> out = v.equals("none") ? null : Path.of(v);
                        case "--jfr" -> jfr = Path.of(v);
                        case "--echo" -> echo = ints(v);
                        case "--warmup" -> warmup = Integer.parseInt(v);
                        case "--heap" -> heap = v;
                        case "--no-stop" -> stop = false;
                        case "--vad" -> vad = switch (v) {
                            case "neural", "energy" -> v;
                            default -> throw new IllegalArgumentException("--vad is neural or energy, not " + v);
                        };
                        case "--noise-dbfs" -> noise = Double.parseDouble(v);
                        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                }
            }
            return new Settings(steps, shortScenario, ramp, url, out, jfr, echo, warmup, heap, stop, vad, noise);
        }

        private static List<Integer> ints(String v) {
            List<Integer> list = new ArrayList<>();
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    list.add(Integer.parseInt(s.trim()));
                }
            }
            return list;
        }
    }

    static final String USAGE = """
            options: --steps=10,100,250,500,1000,2000  concurrent calls per step (stops at the first step that breaks)
                     --no-stop                          run every step even after one breaks
                     --short                            a short scenario (greeting, one turn, hang-up)
                     --ramp-ms=10000                    calls of a step start spread over this long
                     --url=ws://127.0.0.1:8080/media    use a running server (its providers must point at the fakes' ports: not measured for CPU/heap)
                     --out=docs | none                  where benchmarks.md, the CSV and the PNG go
                     --jfr=target/benchmark/server.jfr  record the server with Java Flight Recorder
                     --echo=100,500                     calls for the bare WebSocket echo reference (empty: skip)
                     --warmup=100                       calls of the warm-up step, where the heap per call is measured
                     --heap=4g                          server -Xmx
                     --vad=neural | energy              the server's voice activity detector (VAD_MODE)
                     --noise-dbfs=-32                   steady noise under everything callers send (the model then runs on every window)""";

    /** Aggregated figures of one step. */
    record Step(int calls, int completedCalls, int turns, Stats voiceToVoice, Stats serverAdded, Stats overProviders,
                Stats bargeIn, Stats bargeInOverFloor, int underruns, long underrunMs, int errors, List<String> errorExamples, int malformed,
                int chunkViolations, double rejectedFrames, double serverCpuPct, double loadCpuPct, double machineCpuPct,
                double heapPerCallKb, long wallMs) {

        boolean holds() {
            return underruns == 0 && errors == 0 && malformed == 0 && chunkViolations == 0 && rejectedFrames == 0
                    && serverAdded.count() > 0 && serverAdded.p99() <= 50;
        }

        String breakReason() {
            List<String> why = new ArrayList<>();
            if (underruns > 0) {
                why.add(underruns + " underruns");
            }
            if (errors > 0) {
                why.add(errors + " errors (e.g. " + errorExamples.getFirst() + ")");
            }
            if (malformed > 0 || chunkViolations > 0 || rejectedFrames > 0) {
                why.add("malformed/violating/rejected frames " + malformed + "/" + chunkViolations + "/" + (long) rejectedFrames);
            }
            if (serverAdded.count() == 0) {
                why.add("no reply measured");
            } else if (serverAdded.p99() > 50) {
                why.add("p99 server-added " + fmt(serverAdded.p99()) + " ms > 50 ms");
            }
            return String.join("; ", why);
        }
    }

    /** p50/p90/p99/max of a sample, nearest rank. */
    record Stats(int count, double p50, double p90, double p99, double max) {
        static Stats of(List<Double> values) {
            List<Double> sorted = values.stream().filter(v -> !Double.isNaN(v)).sorted().toList();
            if (sorted.isEmpty()) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted.getLast());
        }

        private static double rank(List<Double> sorted, double p) {
            int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
            return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
        }

        String row() {
            return fmt(p50) + " | " + fmt(p90) + " | " + fmt(p99) + " | " + fmt(max);
        }
    }

    /**
     * The floor: the earliest the caller can hear the reply with these providers and Exotel's protocol, from the fake
     * settings and the reply text. {@code providersMs} is the providers alone (STT final, the first sentence's last
     * token, TTS first audio); {@code floorMs} adds the time the TTS needs to deliver Exotel's smallest chunk (200 ms
     * of audio), before which no server can send anything.
     */
    record Floor(double providersMs, double floorMs, int firstSentenceTokens, int tokenThatEndsIt, double firstChunkFillMs,
                 double batchMs) {

        static Floor compute() {
            double interval = 1000 / LLM_TOKENS_PER_SECOND;
            List<String> tokens = FakeReply.tokens(FIRST_SENTENCE + " " + REST[0]);
            SentenceSplitter splitter = new SentenceSplitter();
            int lastOfSentence = FakeReply.tokens(FIRST_SENTENCE).size();
            int emittedAt = -1;
            for (int i = 0; i < tokens.size() && emittedAt < 0; i++) {
                if (!splitter.add(tokens.get(i)).isEmpty()) {
                    emittedAt = i + 1;
                }
            }
            double providers = STT_FINAL_MS + LLM_FIRST_TOKEN_MS + (lastOfSentence - 1) * interval + TTS_FIRST_AUDIO_MS;
            // Exotel's smallest chunk is 200 ms, which the TTS delivers in chunks of TTS_CHUNK_BYTES at 4x real time.
            // The splitter's wait for a token after the full stop, if any, is ours and is not part of the floor.
            int fillOffset = (EXOTEL_MIN_CHUNK_BYTES - 1) / TTS_CHUNK_BYTES * TTS_CHUNK_BYTES;
            double fill = fillOffset / 2.0 * 1000 / SAMPLE_RATE / TTS_REAL_TIME;
            // The sketch's batch design: 600 ms of silence, whole STT, whole LLM answer, whole TTS, then send.
            double batch = 0;
            for (String rest : REST) {
                String reply = FIRST_SENTENCE + " " + rest;
                int all = FakeReply.tokens(reply).size();
                double audioMs = reply.length() * (double) FakeElevenLabs.MS_PER_CHAR;
                batch += BATCH_SILENCE_MS + STT_FINAL_MS + LLM_FIRST_TOKEN_MS + (all - 1) * interval
                        + TTS_FIRST_AUDIO_MS + audioMs / TTS_REAL_TIME;
            }
            return new Floor(providers, providers + fill, lastOfSentence, emittedAt, fill, batch / REST.length);
        }
    }

    /** The bare WebSocket echo reference at one load. */
    record Echo(int calls, double cpuPct, int messagesPerSecondPerCall) {}

    /** A whole run. */
    /** A whole run; {@code warmup} (null without one) is where the heap per call was measured. */
    record Result(Settings settings, Floor floor, List<Step> steps, Step warmup, List<Echo> echoes, String machine,
                  String jdk, long startedAt) {

        Step largestHeld() {
            Step best = null;
            for (Step step : steps) {
                if (!step.holds()) {
                    break;
                }
                best = step;
            }
            return best;
        }

        Step at(int calls) {
            return steps.stream().filter(s -> s.calls() == calls).findFirst().orElse(null);
        }
    }

    private final Settings settings;
    private final JsonMapper json = new JsonMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AudioClip> clips = new ArrayList<>();
    private Process server;
    private Path dataDir;
    private URI mediaUrl;
    private URI probeUrl;
    private URI metricsUrl;
    /** The secrets the server generated in its data folder (a running server given by --url: found as the simulator finds them). */
    private String mediaToken;
    private String adminKey;

    Benchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Result result = new Benchmark(settings).run();
        if (settings.out() != null) {
            Report.write(result, settings.out());
        }
        System.out.println(Report.summary(result));
        System.exit(0);
    }

    Result run() throws Exception {
        long startedAt = System.currentTimeMillis();
        Floor floor = Floor.compute();
        log("floor %.1f ms: providers %.1f ms (first sentence %d tokens, emitted at token %d) + first chunk fill %.1f ms; batch model %.1f ms",
                floor.floorMs(), floor.providersMs(), floor.firstSentenceTokens(), floor.tokenThatEndsIt(),
                floor.firstChunkFillMs(), floor.batchMs());
        for (String name : List.of("yes-good-time.wav", "two-bhk.wav", "wait-repeat.wav", "whitefield.wav",
                "budget.wav", "timeline.wav", "yes-right.wav")) {
            clips.add(clip(name));
        }
        List<Step> steps = new ArrayList<>();
        List<Echo> echoes = new ArrayList<>();
        Step warmup = null;
        String jdk = System.getProperty("java.vm.name") + " " + Runtime.version();
        try (FakeDeepgram deepgram = new FakeDeepgram(); FakeOpenAi openai = FakeOpenAi.start();
             FakeElevenLabs elevenlabs = new FakeElevenLabs()) {
            deepgram.start();
            deepgram.finalAfterSpeechEnd(Duration.ofMillis(STT_FINAL_MS)).fallbackTranscript(CALLER_TEXT);
            AtomicLong replies = new AtomicLong();
            double interval = 1000 / LLM_TOKENS_PER_SECOND;
            openai.respondWith(body -> FakeReply.text(FIRST_SENTENCE + " " + REST[(int) (replies.getAndIncrement() % REST.length)])
                    .firstChunkAfter(Duration.ofNanos((long) ((LLM_FIRST_TOKEN_MS - interval) * 1e6)))
                    .chunkEvery(Duration.ofNanos((long) (interval * 1e6))));
            elevenlabs.start();
            elevenlabs.firstByteDelay(Duration.ofMillis(TTS_FIRST_AUDIO_MS)).realTime(TTS_REAL_TIME)
                    .chunkBytes(TTS_CHUNK_BYTES);
            if (settings.url() == null) {
                startServer(deepgram, openai, elevenlabs);
            } else {
                mediaUrl = settings.url();
            }
            if (settings.warmupCalls() > 0) {
                // The warm-up is also where the heap is measured: it needs a full GC with every call live, which
                // stalls those calls, so it is kept out of the steps whose latency and underruns are reported.
                log("warm-up and heap: %d calls", settings.warmupCalls());
                warmup = runStep(settings.warmupCalls(), floor, settings.shortScenario(), true);
                log("heap per live call: %.0f KB", warmup.heapPerCallKb());
            }
            for (int calls : settings.steps()) {
                Step step = runStep(calls, floor, settings.shortScenario(), false);
                steps.add(step);
                log("step %d calls: %s", calls, step.holds() ? "holds" : "BREAKS: " + step.breakReason());
                if (!step.holds() && settings.stopOnBreak()) {
                    break;
                }
            }
        } finally {
            stopServer();
        }
        for (int calls : settings.echoCalls()) {
            echoes.add(echoReference(calls));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024)) + " GiB, " + cpuModel();
        return new Result(settings, floor, steps, warmup, echoes, machine, jdk, startedAt);
    }

    // --- the server under test ---

    private void startServer(FakeDeepgram deepgram, FakeOpenAi openai, FakeElevenLabs elevenlabs) throws Exception {
        Path data = Files.createTempDirectory("vaani-benchmark-");
        dataDir = data;
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + settings.serverHeap(),
                "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-DVAANI_DATA_DIR=" + data, "-DVAANI_ENV_FILE=" + data.resolve("no.env")));
        if (settings.jfr() != null) {
            Files.createDirectories(settings.jfr().toAbsolutePath().getParent());
            command.add("-XX:StartFlightRecording=filename=" + settings.jfr().toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchmarkServer.class.getName(), "server",
                "--server.port=0",
                "--logging.level.root=WARN", "--logging.level.dev.vaani.call=" + System.getProperty("benchmark.callLog", "WARN"),
                "--vaani.providers.deepgram.api-key=" + FakeDeepgram.API_KEY,
                "--vaani.providers.deepgram.base-url=" + deepgram.baseUrl(),
                "--vaani.providers.openai.api-key=sk-benchmark",
                "--vaani.providers.openai.base-url=" + openai.baseUrl(),
                "--vaani.providers.elevenlabs.api-key=" + FakeElevenLabs.API_KEY,
                "--vaani.providers.elevenlabs.base-url=" + elevenlabs.baseUrl(),
                // Fillers would answer before the reply and hide its latency: the benchmark measures the reply.
                "--vaani.call.filler-delay-ms=5000",
                "--vaani.call.max-frame-bytes=262144", "--VAD_MODE=" + settings.vad()));
        log("starting the server: data in %s", data);
        server = new ProcessBuilder(command).redirectErrorStream(true).start();
        int[] ports = awaitReady(server, Path.of(System.getProperty("java.io.tmpdir"), "vaani-benchmark-server.log"));
        mediaUrl = URI.create("ws://127.0.0.1:" + ports[0] + "/media");
        probeUrl = URI.create("http://127.0.0.1:" + ports[1] + "/probe");
        metricsUrl = URI.create("http://127.0.0.1:" + ports[0] + "/actuator/metrics/vaani.exotel.frames.rejected");
        mediaToken = LocalSecret.MEDIA_SECRET.stored(data).orElseThrow();
        adminKey = LocalSecret.ADMIN_API_KEY.stored(data).orElseThrow();
        log("server ready at %s (probe %s)", mediaUrl, probeUrl);
    }

    private static int[] awaitReady(Process process, Path logFile) throws Exception {
        CompletableFuture<int[]> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("server-output").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var log = Files.newBufferedWriter(logFile)) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("BENCHMARK-READY ")) {
                        String[] parts = line.split(" ");
                        ready.complete(new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])});
                    } else {
                        log.write(line);
                        log.newLine();
                        log.flush();
                        if (!ready.isDone() && (line.contains("ERROR") || line.contains("Exception"))) {
                            System.err.println("[server] " + line);
                        }
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the server exited; see " + logFile));
        });
        return ready.get(180, TimeUnit.SECONDS);
    }

    private void stopServer() {
        if (server != null) {
            // its embedded Redis and PostgreSQL: a server killed below would leave them running, in a deleted dir
            List<ProcessHandle> children = server.descendants().toList();
            server.destroy(); // SIGTERM: graceful shutdown, and the JFR recording is dumped
            try {
                if (!server.waitFor(60, TimeUnit.SECONDS)) { // still draining calls a broken step left live
                    server.destroyForcibly();
                    server.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
            server = null;
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir: best effort
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** [cpu nanos, used heap bytes] of the server process, or null when it is not ours. */
    private long[] probe(boolean gc) {
        if (probeUrl == null) {
            return null;
        }
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(probeUrl + (gc ? "?gc" : ""))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String[] parts = body.split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private double rejectedFrames() {
        if (metricsUrl == null) {
            return 0;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metricsUrl).header("X-API-Key", adminKey).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            return json.readTree(response.body()).path("measurements").path(0).path("value").asDouble();
        } catch (IOException | JacksonException | InterruptedException e) {
            return 0;
        }
    }

    // --- one step ---

    private Step runStep(int calls, Floor floor, boolean shortScenario, boolean measureHeap) throws Exception {
        long ramp = calls <= 1 ? 0 : Math.min(settings.rampMs(), calls * 20L);
        double rejectedBefore = rejectedFrames();
        long[] heapBefore = measureHeap ? probe(true) : null;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        List<Future<CallReport>> futures = new ArrayList<>();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        double[] window = new double[4]; // server cpu %, load cpu %, machine cpu %, heap per call KB
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                long startAt = start + (calls <= 1 ? 0 : ramp * 1_000_000L * i / (calls - 1));
                Scenario scenario = scenario(i, shortScenario);
                futures.add(executor.submit(() -> {
                    sleepUntil(startAt);
                    SimulatorOptions.Builder options = SimulatorOptions.builder().url(mediaUrl.toString()).token(mediaToken);
                    if (settings.noiseDbfs() != null) {
                        options.noiseDbfs(settings.noiseDbfs());
                    }
                    return new SimulatedCall(options.build(), scenario).run();
                }));
            }
            // Steady state: every call has started and none has finished yet.
            long windowStart = start + (ramp + 2_000) * 1_000_000L;
            long windowNanos = (shortScenario ? 3_000 : 15_000) * 1_000_000L;
            Future<?> measuring = executor.submit(() -> {
                sleepUntil(windowStart);
                long[] a = probe(false);
                long selfA = os.getProcessCpuTime();
                long t = System.nanoTime();
                sleepUntil(windowStart + windowNanos);
                long[] b = probe(false);
                long selfB = os.getProcessCpuTime();
                long elapsed = System.nanoTime() - t;
                window[0] = a == null || b == null ? Double.NaN : 100.0 * (b[0] - a[0]) / elapsed;
                window[1] = 100.0 * (selfB - selfA) / elapsed;
                window[2] = 100.0 * os.getCpuLoad() * Runtime.getRuntime().availableProcessors();
                long[] heap = measureHeap ? probe(true) : null;
                window[3] = heap == null || heapBefore == null ? Double.NaN
                        : (heap[1] - heapBefore[1]) / 1024.0 / calls;
            });
            measuring.get();
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        List<Double> v2v = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        List<Double> overProviders = new ArrayList<>();
        List<Double> barge = new ArrayList<>();
        List<Double> bargeOverFloor = new ArrayList<>();
        int underruns = 0;
        long underrunMs = 0;
        int malformed = 0;
        int violations = 0;
        int completed = 0;
        int turns = 0;
        boolean timelinePrinted = false;
        for (Future<CallReport> future : futures) {
            CallReport report;
            try {
                report = future.get();
            } catch (Exception e) {
                errors.add(String.valueOf(e.getCause()));
                continue;
            }
            completed++;
            underruns += report.underruns();
            underrunMs += report.underrunMs();
            malformed += report.malformedMessages();
            violations += report.chunkViolations();
            if (!report.failures().isEmpty()) {
                errors.add(report.failures().getFirst());
            }
            int errorsBefore = errors.size();
            for (CallReport.CallerTurn turn : report.turns()) {
                turns++;
                if (turn.bargeIn()) {
                    if (Double.isNaN(turn.clearAfterOnsetMs())) {
                        errors.add("barge-in without a clear");
                    } else {
                        barge.add(turn.clearAfterOnsetMs());
                        bargeOverFloor.add(turn.clearAfterOnsetMs() - bargeInFloorMs(turn.speechOnsetMs()));
                    }
                }
                if (Double.isNaN(turn.voiceToVoiceMs())) {
                    errors.add("turn " + turn.index() + " (" + turn.clip() + ") got no reply");
                    continue;
                }
                v2v.add(turn.voiceToVoiceMs());
                added.add(turn.voiceToVoiceMs() - floor.floorMs());
                overProviders.add(turn.voiceToVoiceMs() - floor.providersMs());
            }
            if (errors.size() > errorsBefore && !timelinePrinted) {
                timelinePrinted = true;
                java.io.StringWriter timeline = new java.io.StringWriter();
                dev.vaani.simulator.ReportPrinter.print(report, new java.io.PrintWriter(timeline, true));
                log("first call with an error, %d calls:%n%s", calls, timeline);
            }
        }
        return new Step(calls, completed, turns, Stats.of(v2v), Stats.of(added), Stats.of(overProviders), Stats.of(barge), Stats.of(bargeOverFloor),
                underruns, underrunMs, errors.size(), List.copyOf(errors.stream().distinct().limit(5).toList()),
                malformed, violations, rejectedFrames() - rejectedBefore, window[0], window[1], window[2], window[3],
                wall);
    }

    /** Greeting, five answered turns (one of them interrupted by a barge-in), natural pauses, hang-up. */
    private Scenario scenario(int index, boolean shortScenario) {
        Random random = new Random(index * 7919L + 17);
        Scenario.Builder b = Scenario.builder("benchmark call " + index).timeout(Duration.ofSeconds(120));
        b.waitForBotToFinish(pause(random));
        if (shortScenario) {
            return b.say(clips.get(6)).waitForBotToFinish(pause(random)).hangUp().build();
        }
        return b.say(clips.get(0)).waitForBotToFinish(pause(random))
                .say(clips.get(1)).bargeIn(1200, clips.get(2)).waitForBotToFinish(pause(random))
                .say(clips.get(3)).waitForBotToFinish(pause(random))
                .say(clips.get(4)).waitForBotToFinish(pause(random))
                .say(clips.get(5)).waitForBotToFinish(pause(random))
                .hangUp().build();
    }

    private static long pause(Random random) {
        return 500 + random.nextInt(700); // the caller waits 0.5 to 1.2 s after the bot stops before speaking
    }

    /**
     * A committed clip with its pauses between words shortened to at most {@value #MAX_PAUSE_MS} ms: the fake
     * recogniser finalises {@value #STT_FINAL_MS} ms after the last loud sample, so a longer pause inside a sentence
     * would split the caller's turn in two (as a recogniser with 200 ms endpointing would).
     */
    static AudioClip clip(String name) throws IOException {
        AudioClip clip;
        try (InputStream in = Benchmark.class.getResourceAsStream("/simulator/clips/" + name)) {
            clip = AudioClip.fromWav(name, in.readAllBytes());
        }
        byte[] pcm = clip.pcm();
        int maxPause = MAX_PAUSE_MS * clip.sampleRate() / 1000;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(pcm.length);
        int quiet = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int sample = (short) ((pcm[i] & 0xFF) | pcm[i + 1] << 8);
            boolean inside = i >= clip.speechStartByte() && i < clip.speechEndByte();
            quiet = Math.abs(sample) < 500 ? quiet + 1 : 0;
            if (inside && quiet > maxPause) {
                continue;
            }
            out.write(pcm, i, 2);
        }
        return AudioClip.of(name, clip.sampleRate(), out.toByteArray());
    }

    static final int MAX_PAUSE_MS = 150;

    private static void sleepUntil(long nanoTime) {
        for (long wait; (wait = nanoTime - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
        }
    }

    // --- the physical reference: a bare WebSocket echo server at the same message rate ---

    private Echo echoReference(int calls) throws Exception {
        Process echo = new ProcessBuilder(javaBinary(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                BenchmarkServer.class.getName(), "echo").redirectErrorStream(true).start();
        try {
            Path log = Files.createTempFile("vaani-echo-", ".log");
            int[] ports = awaitReady(echo, log);
            URI uri = URI.create("ws://127.0.0.1:" + ports[0] + "/");
            URI probe = URI.create("http://127.0.0.1:" + ports[1] + "/probe");
            // The same traffic as a call: a 100 ms media message (1600 bytes of PCM, base64 in JSON) ten times a second.
            byte[] pcm = new byte[1600];
            new Random(1).nextBytes(pcm);
            String message = "{\"event\":\"media\",\"sequence_number\":1,\"stream_sid\":\"MZbenchmark\",\"media\":{\"chunk\":1,"
                    + "\"timestamp\":\"100\",\"payload\":\"" + Base64.getEncoder().encodeToString(pcm) + "\"}}";
            AtomicLong echoed = new AtomicLong();
            long duration = 20_000;
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                 HttpClient client = HttpClient.newBuilder().executor(executor).build()) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    long offset = 100_000_000L * i / calls;
                    executor.submit(() -> {
                        WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                if (last) {
                                    echoed.incrementAndGet();
                                }
                                ws.request(1);
                                return null;
                            }
                        }).join();
                        for (long n = 0; ; n++) {
                            long due = start + offset + n * 100_000_000L;
                            if (due - start > duration * 1_000_000L) {
                                break;
                            }
                            sleepUntil(due);
                            socket.sendText(message, true).join();
                        }
                        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
                        return null;
                    });
                }
                sleepUntil(start + 5_000_000_000L);
                long a = cpu(probe);
                long t = System.nanoTime();
                sleepUntil(start + 15_000_000_000L);
                long b = cpu(probe);
                double pct = 100.0 * (b - a) / (System.nanoTime() - t);
                log("echo reference, %d calls: %.1f %% CPU (%d echoes so far)", calls, pct, echoed.get());
                return new Echo(calls, pct, 10);
            }
        } finally {
            echo.destroy();
            echo.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private long cpu(URI probe) throws IOException, InterruptedException {
        return Long.parseLong(http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.ofString())
                .body().split(" ")[0]);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String fmt(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", args);
    }
}
