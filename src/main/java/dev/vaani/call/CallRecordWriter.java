package dev.vaani.call;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.call.CallRecordStore.End;
import dev.vaani.call.CallRecordStore.Snapshot;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.ConversationState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes each live call's state through to PostgreSQL: changes (transcript lines, collected fields, stage, outcome)
 * are coalesced for {@code vaani.durability.write-delay} and written as one whole, versioned snapshot on a virtual
 * thread, never on the call's own event loop. The media leg's end is written at once.
 *
 * <p>Why nothing is lost when PostgreSQL is down: a failed write stays in this per-call queue (which, holding whole
 * snapshots, collapses to the newest one, so order per call is kept by the version) and is retried with doubling
 * delays until it lands. An outbox table cannot help here, since it lives in the database that is down; the
 * durable copy of a failed write goes to Redis instead ({@code record-outbox:{call_sid}}), which is drained into
 * PostgreSQL by the {@link CallReconciler} of any instance should this process die before the database returns.
 * And while the call is live, Redis' session holds the same state, which the reconciler also falls back on.
 *
 * <p>It also stamps the rows of the calls it holds with this instance's heartbeat: a call whose last write is still
 * pending here is not an orphan.
 */
@Component
public class CallRecordWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);
    public static final String OUTBOX_SET = "record-outbox";

    public static String outboxKey(String callSid) {
        return "record-outbox:" + callSid;
    }

    private final CallRecordStore store;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final DurabilityProperties settings;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("record-writer-timers").daemon().factory());
    private final Map<String, PendingCallRecord> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** A heartbeat PostgreSQL has not answered yet: the next is skipped rather than queued behind it on another connection. */
    private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();

    public CallRecordWriter(CallRecordStore store, StringRedisTemplate redis,
                            JsonMapper json, DurabilityProperties settings) {
        this.store = store;
        this.redis = redis;
        this.json = json;
        this.settings = settings;
        long beat = settings.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(() -> writers.execute(this::heartbeat), beat, beat, TimeUnit.MILLISECONDS);
    }

    /** The call's row exists (its media stream started): from now on its changes are written through. */
    public void track(String callSid, Long leadId) {
        calls.put(callSid, new PendingCallRecord(callSid, leadId));
    }

    /**
     * The call's media stream started but its row could not be written then (PostgreSQL did not answer): it is
     * written now in the background, and with every write until one lands, so the row, the transcript and the outcome
     * reach PostgreSQL when it is back (from Redis' outbox should this process die first).
     */
    public void trackUnstored(CallRecordStore.RowStart row) {
        PendingCallRecord p = new PendingCallRecord(row.callSid(), row.leadId());
        p.rowStart = row;
        calls.put(row.callSid(), p);
        change(row.callSid(), ignored -> { }, true);
    }

    public void transcript(String callSid, TranscriptLine line) {
        change(callSid, p -> p.transcript.add(line), false);
    }

    /**
     * The call's turns measured so far (a copy the call no longer changes), written with the next coalesced write:
     * a call cut by a crash keeps the latency of the turns it had.
     */
    public void turnsMeasured(String callSid, List<Map<String, Object>> turns) {
        change(callSid, p -> p.turnMetrics = turns, false);
    }

    /** The conversation moved on (data collected, stage, outcome); {@code forcedOutcome} when the call set one itself. */
    public void state(String callSid, ConversationState state, String forcedOutcome) {
        change(callSid, p -> p.apply(state, forcedOutcome), false);
    }

    /** The media leg ended: the last snapshot, written now. */
    public void ended(String callSid, ConversationState state, String outcome, End end) {
        ended(callSid, state, outcome, end, () -> { });
    }

    /** As {@link #ended(String, ConversationState, String, End)}; {@code afterWritten} runs once the row holds it. */
    public void ended(String callSid, ConversationState state, String outcome, End end, Runnable afterWritten) {
        change(callSid, p -> {
            p.apply(state, outcome);
            p.end = end;
            p.afterEndWritten = afterWritten;
        }, true);
    }

    private void change(String callSid, java.util.function.Consumer<PendingCallRecord> update, boolean urgent) {
        PendingCallRecord p = calls.get(callSid);
        if (p == null) {
            return;
        }
        synchronized (p) {
            if (p.end != null && !urgent) {
                return; // nothing changes a call after its end
            }
            update.accept(p);
            p.version++;
            if (urgent && !p.writing) {
                p.scheduled = true;
                writers.execute(() -> flush(p));
            } else if (!p.scheduled && !p.writing) {
                p.scheduled = true;
                schedule(p, settings.writeDelay());
            }
        }
    }

    private void schedule(PendingCallRecord p, Duration delay) {
        try {
            timers.schedule(() -> writers.execute(() -> flush(p)), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("Call {}: shutting down with a record write pending; Redis keeps it", p.callSid);
        }
    }

    private void flush(PendingCallRecord p) {
        Snapshot snapshot;
        synchronized (p) {
            p.scheduled = false;
            if (p.writing || p.written == p.version) {
                return;
            }
            p.writing = true;
            snapshot = p.snapshot();
        }
        boolean stored;
        try {
            store.write(snapshot);
            stored = true;
        } catch (RuntimeException e) {
            stored = false;
            if (failing.compareAndSet(false, true)) {
                // the driver's own words: Spring's message quotes the whole statement, over several lines
                log.warn("Writing call state to PostgreSQL failed ({}); keeping it queued and in Redis, retrying",
                        org.springframework.core.NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            }
        }
        boolean done;
        boolean outboxed;
        synchronized (p) {
            p.writing = false;
            outboxed = p.outboxed;
            if (stored) {
                p.rowStart = null; // the row exists now
                p.written = snapshot.version();
                p.failures = 0;
                p.outboxed = false;
            } else {
                p.failures++;
            }
            done = stored && p.end != null && p.written == p.version;
            if (!done && p.written < p.version && !p.scheduled) {
                p.scheduled = true;
                schedule(p, stored ? (p.end != null ? Duration.ZERO : settings.writeDelay()) : backoff(p.failures));
            }
        }
        if (!stored) {
            saveToOutbox(p, snapshot);
            return;
        }
        if (failing.compareAndSet(true, false)) {
            log.info("Call state writes to PostgreSQL work again");
        }
        if (outboxed) {
            removeFromOutbox(snapshot.callSid());
        }
        if (done) {
            calls.remove(p.callSid, p); // its next step was taken (or found waiting for the carrier) as its end was stored
            try {
                p.afterEndWritten.run();
            } catch (RuntimeException e) {
                log.warn("Call {}: a listener of the stored end failed: {}", p.callSid, e.toString());
            }
        }
    }

    private Duration backoff(int failures) {
        long millis = Math.min(settings.maxRetryDelay().toMillis(), 250L << Math.min(failures, 16));
        return Duration.ofMillis(millis);
    }

    private void saveToOutbox(PendingCallRecord p, Snapshot snapshot) {
        try {
            redis.opsForValue().set(outboxKey(snapshot.callSid()), json.writeValueAsString(snapshot));
            redis.opsForSet().add(OUTBOX_SET, snapshot.callSid());
            synchronized (p) {
                p.outboxed = true;
            }
        } catch (RuntimeException e) {
            log.debug("Call {}: keeping the failed write in Redis failed too: {}", snapshot.callSid(), e.toString());
        }
    }

    private void removeFromOutbox(String callSid) {
        try {
            redis.delete(outboxKey(callSid));
            redis.opsForSet().remove(OUTBOX_SET, callSid);
        } catch (RuntimeException e) {
            log.debug("Call {}: clearing its outbox entry failed: {}", callSid, e.toString());
        }
    }

    private void heartbeat() {
        if (!heartbeatInFlight.compareAndSet(false, true)) {
            return; // a hung PostgreSQL holds the last one until the socket timeout: one waiting is enough
        }
        try {
            store.heartbeat(Set.copyOf(calls.keySet()));
        } catch (RuntimeException e) {
            log.debug("Heartbeat failed: {}", e.toString());
        } finally {
            heartbeatInFlight.set(false);
        }
    }

    /** The calls whose state this instance still holds (live, or ended with the last write pending). */
    public Set<String> held() {
        return Set.copyOf(calls.keySet());
    }

    /** Writes held for calls whose state is not all in PostgreSQL yet. */
    public int pending() {
        return (int) calls.values().stream().filter(p -> {
            synchronized (p) {
                return p.written < p.version;
            }
        }).count();
    }

    /** Waits until every ended call's last write landed, or the time is up; true when all did. */
    public boolean awaitEndedWritten(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (calls.values().stream().anyMatch(p -> {
            synchronized (p) {
                return p.end != null;
            }
        })) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return true;
    }

    /** A snapshot kept in Redis by a process that could not write it, if any. */
    Optional<Snapshot> outboxEntry(String callSid) {
        String value = redis.opsForValue().get(outboxKey(callSid));
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(value, Snapshot.class));
        } catch (JacksonException e) {
            log.warn("Unreadable outbox entry for call {}: {}", callSid, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** Applies another process's leftover snapshot; removes it once stored (or superseded). */
    void drainOutbox(String callSid) {
        if (calls.containsKey(callSid)) {
            return; // ours: the retry loop handles it
        }
        Optional<Snapshot> entry = outboxEntry(callSid);
        if (entry.isPresent()) {
            store.write(entry.get()); // with its end, the call's next step is taken in the same transaction
        }
        removeFromOutbox(callSid);
    }

    Set<String> outboxMembers() {
        Set<String> members = redis.opsForSet().members(OUTBOX_SET);
        return members == null ? Set.of() : members;
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        writers.close();
    }
}
