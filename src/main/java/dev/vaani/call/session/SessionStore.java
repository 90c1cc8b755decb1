package dev.vaani.call.session;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

/**
 * Live call state in Redis at {@code session:{call_sid}}, TTL refreshed on every write.
 *
 * <p>Writes never block the caller: they queue and one writer applies them in order, each as one Lua script so two
 * writers on one session never lose each other's changes. When Redis is unreachable the writes stay queued (in
 * order), the store logs one warning, keeps serving reads from its in-memory copy, and replays everything when Redis
 * is back: no transcript line is lost. The queue is bounded: past {@link #MAX_QUEUED_WRITES} (a long outage), a
 * call's further writes coalesce into one "store the whole session" write taken from the in-memory copy when it is
 * applied, so memory stays flat while the final state still reaches Redis (coalesced writes are counted).
 */
public class SessionStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    /**
     * Appends ARGV[1] (a transcript line) to the session, creating a minimal session if none exists. A line equal to
     * the last one (same speaker, words, timestamp and interruption) is this append already applied: a Redis that
     * hangs still receives every attempt the store makes after a timeout and runs them all once it answers again, one
     * after another (a connection keeps its order), so only the first may add the line.
     */
    private static final DefaultRedisScript<Long> APPEND = new DefaultRedisScript<>("""
            local raw = redis.call('GET', KEYS[1])
            local s
            if raw then s = cjson.decode(raw) else s = {call_sid = ARGV[3], collected_data = {}} end
            if type(s.transcript_history) ~= 'table' then s.transcript_history = {} end
            local line = cjson.decode(ARGV[1])
            local last = s.transcript_history[#s.transcript_history]
            if last and last.speaker == line.speaker and last.text == line.text and last.timestamp == line.timestamp
                    and last.interrupted == line.interrupted then
                return #s.transcript_history
            end
            table.insert(s.transcript_history, line)
            s.last_interaction_time = ARGV[4]
            redis.call('SET', KEYS[1], cjson.encode(s), 'EX', tonumber(ARGV[2]))
            return #s.transcript_history
            """, Long.class);

    /** Merges the fields of ARGV[1] into the session (null values clear a field). */
    private static final DefaultRedisScript<Long> PATCH = new DefaultRedisScript<>("""
            local raw = redis.call('GET', KEYS[1])
            local s
            if raw then s = cjson.decode(raw) else s = {call_sid = ARGV[3], collected_data = {}} end
            for k, v in pairs(cjson.decode(ARGV[1])) do s[k] = v end
            s.last_interaction_time = ARGV[4]
            local out = cjson.encode(s)
            -- cjson cannot tell an empty array from an empty object
            out = string.gsub(out, '"transcript_history":{}', '"transcript_history":[]')
            redis.call('SET', KEYS[1], out, 'EX', tonumber(ARGV[2]))
            return 1
            """, Long.class);

    private sealed interface Write {
        String callSid();
    }

    private record Create(String callSid, String json) implements Write {}

    private record Append(String callSid, String lineJson, String at) implements Write {}

    private record Patch(String callSid, String fieldsJson, String at) implements Write {}

    private record Barrier(String callSid, CompletableFuture<Void> done) implements Write {}

    /** Writes the whole in-memory copy of the session: stands for every write coalesced into it. */
    private record Snapshot(String callSid) implements Write {}

    /** Queued writes past which each call's further writes coalesce into one {@link Snapshot}. */
    public static final int MAX_QUEUED_WRITES = 20_000;

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Duration retryInterval;
    private final LinkedBlockingDeque<Write> queue = new LinkedBlockingDeque<>();
    private final Map<String, ConversationSession> shadow = new ConcurrentHashMap<>();
    private final AtomicBoolean degraded = new AtomicBoolean();
    /** Calls with a Snapshot queued: their writes coalesce into it until it is applied. */
    private final java.util.Set<String> snapshotQueued = ConcurrentHashMap.newKeySet();
    private final Thread writer;
    private volatile boolean closed;

    public SessionStore(StringRedisTemplate redis, JsonMapper json, Duration ttl, Duration retryInterval) {
        this.redis = redis;
        // A transcript line leaves out "interrupted": false (NON_DEFAULT); read back, an absent primitive is its default.
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        this.ttl = ttl;
        this.retryInterval = retryInterval;
        this.writer = Thread.ofVirtual().name("session-store-writer").start(this::drain);
    }

    /** Stores a new session (replacing any old one under the same call sid). */
    public void create(ConversationSession session) {
        shadow.put(session.callSid(), session);
        enqueue(new Create(session.callSid(), toJson(session)));
    }

    /** Appends a transcript line atomically. */
    public void appendTranscript(String callSid, TranscriptLine line) {
        shadow.computeIfPresent(callSid, (sid, s) -> withLine(s, line));
        enqueue(new Append(callSid, toJson(line), line.timestamp() != null ? line.timestamp() : now()));
    }

    /** Sets some fields (snake_case names as in the session JSON), atomically. */
    public void update(String callSid, Map<String, ?> fields) {
        shadow.computeIfPresent(callSid, (sid, s) -> merged(s, fields));
        enqueue(new Patch(callSid, toJson(fields), now()));
    }

    /** The session as Redis has it, or this store's copy while Redis is unreachable. */
    public Optional<ConversationSession> find(String callSid) {
        if (!degraded.get()) {
            try {
                String value = redis.opsForValue().get(ConversationSession.key(callSid));
                if (value != null) {
                    return Optional.of(json.readValue(value, ConversationSession.class));
                }
            } catch (RuntimeException e) {
                log.debug("Reading session {} from Redis failed; using the in-memory copy", callSid, e);
            }
        }
        return Optional.ofNullable(shadow.get(callSid));
    }

    /**
     * The session of a call this process serves, from its in-memory copy: never waits on Redis, and already holds
     * every write still queued for Redis. For the call's own work (merging collected fields, announcing a transfer),
     * which a slow or hung Redis would otherwise hold up by as long as each command takes. Redis' copy when this
     * process holds none.
     */
    public Optional<ConversationSession> live(String callSid) {
        ConversationSession session = shadow.get(callSid);
        return session != null ? Optional.of(session) : find(callSid);
    }

    /** The call ended: its in-memory copy can go once its writes are applied. Redis keeps the session for its TTL. */
    public void release(String callSid) {
        flush().thenRun(() -> shadow.remove(callSid));
    }

    /** Completes when every write queued before this call reached Redis. */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Barrier("", done));
        return done;
    }

    /** Queues a write; past the bound, coalesces it into the call's pending snapshot of its in-memory copy. */
    private void enqueue(Write write) {
        // once a snapshot is queued, every later write of that call coalesces into it (or it would be applied twice)
        boolean coalesce = snapshotQueued.contains(write.callSid())
                || (queue.size() >= MAX_QUEUED_WRITES && shadow.containsKey(write.callSid()));
        if (!coalesce) {
            queue.add(write);
            return;
        }
        io.micrometer.core.instrument.Metrics.counter("vaani.session.writes.coalesced").increment();
        if (snapshotQueued.add(write.callSid())) {
            queue.add(new Snapshot(write.callSid()));
        }
    }

    public boolean degraded() {
        return degraded.get();
    }

    public int pendingWrites() {
        return queue.size();
    }

    private void drain() {
        while (!closed) {
            Write write;
            try {
                write = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            int replayed = 0;
            while (!closed) {
                try {
                    apply(write);
                    break;
                } catch (RuntimeException e) {
                    if (degraded.compareAndSet(false, true)) {
                        log.warn("Redis is unreachable ({}); keeping session writes in memory and retrying every {} ms",
                                e.getClass().getSimpleName(), retryInterval.toMillis());
                    }
                    try {
                        Thread.sleep(retryInterval);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    replayed = queue.size() + 1;
                }
            }
            if (replayed > 0 && degraded.compareAndSet(true, false)) {
                log.info("Redis is back; replaying {} queued session writes", replayed);
            }
        }
    }

    private void apply(Write write) {
        String seconds = Long.toString(ttl.toSeconds());
        switch (write) {
            case Create create -> redis.opsForValue().set(ConversationSession.key(create.callSid()), create.json(), ttl);
            case Append append -> redis.execute(APPEND, List.of(ConversationSession.key(append.callSid())),
                    append.lineJson(), seconds, append.callSid(), append.at());
            case Patch patch -> redis.execute(PATCH, List.of(ConversationSession.key(patch.callSid())),
                    patch.fieldsJson(), seconds, patch.callSid(), patch.at());
            case Barrier barrier -> barrier.done().complete(null);
            case Snapshot snapshot -> {
                snapshotQueued.remove(snapshot.callSid()); // later writes queue behind this one again
                ConversationSession session = shadow.get(snapshot.callSid());
                if (session != null) {
                    redis.opsForValue().set(ConversationSession.key(snapshot.callSid()), toJson(session), ttl);
                }
            }
        }
    }

    private ConversationSession withLine(ConversationSession s, TranscriptLine line) {
        var lines = new java.util.ArrayList<>(s.transcriptHistory());
        lines.add(line);
        return new ConversationSession(s.callSid(), s.leadId(), s.leadName(), s.leadPhone(), s.propertyType(),
                s.location(), s.budget(), s.source(), s.conversationStage(), s.isBotSpeaking(),
                s.waitingForResponse(), s.shouldStopSpeaking(), lines, s.collectedData(), s.escalationRequested(),
                s.finalOutcome(), s.doNotCallRequested(), s.createdAt(), line.timestamp());
    }

    private ConversationSession merged(ConversationSession s, Map<String, ?> fields) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = json.convertValue(s, LinkedHashMap.class);
        tree.putAll(fields);
        tree.put("last_interaction_time", now());
        return json.convertValue(tree, ConversationSession.class);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Session data is not serialisable: " + e.getMessage(), e);
        }
    }

    private static String now() {
        return Instant.now().toString();
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }
}
