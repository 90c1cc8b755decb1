package dev.vaani.simulator;

import tools.jackson.databind.json.JsonMapper;
import dev.vaani.platform.secrets.SecretMasking;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated Exotel Voicebot call: connects to the bot's {@code /media} WebSocket, streams the caller's audio in
 * real time, plays the bot's audio through a simulated playback buffer, and reports. {@link #run()} blocks the
 * calling thread for the length of the call; run calls in parallel from separate threads.
 */
public final class SimulatedCall {

    private static final long FRAME_MS = 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final SimulatorOptions options;
    private final Scenario scenario;
    private final JsonMapper json = new JsonMapper();
    private final String callSid;
    private final String streamSid;
    private final Object lock = new Object();
    /** Null unless a recording was asked for: two tracks of a whole call are over a megabyte a call under load. */
    private final CallRecorder recorder;
    private final PlaybackBuffer playback;
    private final CallerScript script;
    private final BotTraffic traffic = new BotTraffic();
    private final ExotelEvents events;
    private final int sampleRate;
    private final BackgroundNoise noise;
    private CallSocket socket;
    private long t0;
    private boolean started;

    public SimulatedCall(SimulatorOptions options, Scenario scenario) {
        this.options = options;
        this.scenario = scenario;
        this.sampleRate = options.sampleRate();
        String id = UUID.randomUUID().toString().replace("-", "");
        this.callSid = options.callSid() != null ? options.callSid() : "CA" + id;
        this.streamSid = options.streamSid() != null ? options.streamSid() : "MZ" + id;
        this.events = new ExotelEvents(json, options.camelCaseKeys(), streamSid);
        this.recorder = options.recording() != null ? new CallRecorder(sampleRate) : null;
        this.playback = new PlaybackBuffer(sampleRate, options.utteranceGapMs() * sampleRate / 1000,
                options.echoMarksOnClear(), options.clearFinishesPlayingChunk(), this::echoMark,
                recorder != null ? recorder : (position, pcm, offset, length) -> { });
        this.script = new CallerScript(scenario.steps(), sampleRate, scenario.waitsForServerHangUp(),
                new Random(callSid.hashCode()), options.silenceNoise(),
                (digit, ms) -> socket.send(events.dtmf(digit, ms)));
        this.noise = Double.isNaN(options.noiseDbfs()) ? null : options.noiseBed() == null
                ? BackgroundNoise.generated(options.noiseDbfs(), callSid.hashCode())
                : BackgroundNoise.looped(options.noiseBed().atRate(sampleRate).pcm(), options.noiseDbfs());
    }

    public String callSid() {
        return callSid;
    }

    public String streamSid() {
        return streamSid;
    }

    /** The WebSocket URL with Exotel's {@code sample-rate} and the custom parameters in the query. */
    public URI connectUri() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("sample-rate", Integer.toString(sampleRate));
        query.putAll(customParameters());
        query.remove("call_sid"); // sent in start; not a URL parameter
        if (options.token() != null) {
            query.put("token", options.token());
        }
        StringBuilder q = new StringBuilder(options.url().getRawQuery() == null ? "" : options.url().getRawQuery());
        query.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String base = options.url().toString();
        int cut = base.indexOf('?');
        return URI.create((cut < 0 ? base : base.substring(0, cut)) + "?" + q);
    }

    private Map<String, String> customParameters() {
        Map<String, String> custom = new LinkedHashMap<>();
        if (options.leadId() != null) {
            custom.put("lead_id", options.leadId());
        }
        if (options.campaignId() != null) {
            custom.put("campaign_id", options.campaignId());
        }
        custom.put("call_sid", callSid);
        return custom;
    }

    /**
     * Places the call and plays the scenario to the end.
     *
     * @throws SimulatorException when the server cannot be reached or refuses the WebSocket upgrade
     */
    public CallReport run() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("a SimulatedCall runs once");
            }
            started = true;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder().executor(executor).connectTimeout(CONNECT_TIMEOUT).build()) {
            socket = connect(client);
            try {
                stream();
            } finally {
                String stop;
                synchronized (lock) { // the sequence counter is shared with mark echoes
                    stop = events.stop(callSid, options.accountSid(), "callended");
                }
                socket.hangUpAndClose(stop);
            }
            return finish();
        }
    }

    /** A refused handshake means the server is up and the secret is wrong; anything else, that it may be down. */
    private static String hintFor(Throwable failure) {
        if (failure instanceof WebSocketHandshakeException handshake
                && (handshake.getResponse().statusCode() == 401 || handshake.getResponse().statusCode() == 403)) {
            return " — the server refused the media secret: check --token (or MEDIA_SECRET in the environment or"
                    + " .env, or data/media-secret)";
        }
        return " — is the server running? (./vaani server)";
    }

    private CallSocket connect(HttpClient client) {
        URI uri = connectUri();
        CallSocket callSocket = new CallSocket(this::onBotText, this::onMalformed);
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (options.basicAuth() != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(options.basicAuth().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            callSocket.attach(builder.buildAsync(uri, callSocket.listener()).get(CONNECT_TIMEOUT.toSeconds() + 5,
                    TimeUnit.SECONDS));
            return callSocket;
        } catch (ExecutionException e) {
            throw new SimulatorException("Could not connect to " + SecretMasking.url(options.url()) + ": "
                    + SimulatorException.describe(e.getCause()) + hintFor(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new SimulatorException("Could not connect to " + SecretMasking.url(options.url()) + ": no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("Interrupted while connecting to " + options.url(), e);
        }
    }

    /** Sends connected, start, then one media message per chunk on absolute deadlines so pacing cannot drift. */
    private void stream() {
        int frameSamples = (int) (sampleRate * FRAME_MS / 1000);
        int framesPerChunk = (int) (options.chunkMs() / FRAME_MS);
        byte[] frame = new byte[frameSamples * 2];
        byte[] chunk = new byte[frame.length * framesPerChunk];
        long frameNanos = TimeUnit.MILLISECONDS.toNanos(FRAME_MS);
        long deadlineNanos = scenario.timeout().toNanos();
        synchronized (lock) {
            t0 = System.nanoTime();
            socket.send(events.connected());
            socket.send(events.start(callSid, options.accountSid(), options.from(), options.to(),
                    customParameters(), sampleRate));
        }
        int chunkNumber = 0;
        for (long n = 0; ; n++) {
            long deadline = t0 + (n + 1) * frameNanos;
            for (long wait; (wait = deadline - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            synchronized (lock) {
                if (socket.closedByServer()) {
                    return;
                }
                long now = nowSamples();
                playback.advanceTo(now);
                long position = n * frameSamples;
                script.nextFrame(position, frame, playback);
                if (noise != null) {
                    noise.mixInto(frame);
                }
                if (recorder != null) {
                    recorder.caller(position, frame);
                }
                int slot = (int) (n % framesPerChunk);
                System.arraycopy(frame, 0, chunk, slot * frame.length, frame.length);
                boolean hangUp = script.hangUpRequested();
                if (slot == framesPerChunk - 1 || hangUp) {
                    long chunkStart = (n - slot) * frameSamples;
                    long chunkEnd = position + frameSamples;
                    byte[] payload = Arrays.copyOf(chunk, (slot + 1) * frame.length);
                    socket.send(events.media(++chunkNumber, chunkEnd * 1000 / sampleRate, payload));
                    markSent(chunkStart, chunkEnd, nowSamples());
                }
                if (hangUp) {
                    return;
                }
                if (System.nanoTime() - t0 >= deadlineNanos) {
                    traffic.timedOut = true;
                    return;
                }
            }
        }
    }

    private void markSent(long chunkStart, long chunkEnd, long sentAt) {
        for (CallerScript.SpokenTurn turn : script.turns()) {
            if (turn.onsetSent < 0 && turn.onset >= 0 && turn.onset < chunkEnd) {
                turn.onsetSent = sentAt;
            }
            if (turn.endSent < 0 && turn.end >= 0 && turn.end <= chunkEnd && turn.end > chunkStart) {
                turn.endSent = sentAt;
            }
        }
    }

    private void onBotText(String text) {
        synchronized (lock) {
            long now = nowSamples();
            switch (BotMessage.parse(json, text)) {
                case BotMessage.Media media -> {
                    traffic.mediaMessages++;
                    BotMessage.chunkViolation(media.pcm().length).ifPresent(traffic::violation);
                    PlaybackBuffer.Chunk chunk = new PlaybackBuffer.Chunk(media.pcm(), now);
                    traffic.chunks.add(chunk);
                    playback.enqueue(chunk, now);
                }
                case BotMessage.Mark mark -> {
                    traffic.marksReceived++;
                    playback.enqueueMark(mark.name(), now);
                }
                case BotMessage.Clear clear -> {
                    traffic.clears.add(now);
                    playback.clear(now);
                }
                case BotMessage.Malformed malformed -> traffic.malformed(malformed.reason());
            }
        }
    }

    private void echoMark(String name) {
        socket.send(events.mark(name));
    }

    private void onMalformed(String reason) {
        synchronized (lock) {
            traffic.malformed(reason);
        }
    }

    private long nowSamples() {
        return (System.nanoTime() - t0) * sampleRate / 1_000_000_000L;
    }

    private CallReport finish() {
        List<String> failures = new ArrayList<>();
        CallReport draft;
        synchronized (lock) {
            long end = nowSamples();
            playback.finish(end);
            List<String> notes = new ArrayList<>(script.notes());
            notes.addAll(socket.problems());
            if (recorder != null) {
                try {
                    recorder.write(options.recording());
                } catch (IOException e) {
                    notes.add("could not write the recording to " + options.recording() + ": " + e.getMessage());
                }
            }
            draft = traffic.report(scenario.name(), sampleRate, script.turns(), playback, socket,
                    end * 1000 / sampleRate, notes, List.of());
        }
        if (draft.connectionLost()) {
            failures.add("the connection to the server was lost mid-call (no close frame)");
        }
        if (draft.timedOut()) {
            failures.add("the scenario did not finish within " + scenario.timeout().toSeconds() + " s");
        }
        for (Expectation expectation : scenario.expectations()) {
            expectation.check(draft).ifPresent(failures::add);
        }
        return traffic.report(scenario.name(), sampleRate, script.turns(), playback, socket, draft.durationMs(),
                draft.notes(), failures);
    }
}
