package dev.vaani.call;

import dev.vaani.call.session.ConversationSession;
import dev.vaani.call.session.SessionStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Closes what nobody else will, on start-up and every {@code vaani.durability.reconcile-interval}, on every instance
 * (each step is one guarded UPDATE, so instances racing on the same row do no harm):
 * <ul>
 *   <li>write-through snapshots another process left in Redis because PostgreSQL was down;</li>
 *   <li>media streams whose owner stopped heartbeating (killed, crashed): the row takes what Redis' session still
 *       knew, the carrier's call-details API says how calls we placed ended, and the media leg is closed as interrupted
 *       with what was collected kept;</li>
 *   <li>calls whose media leg ended {@code status-grace} ago without the carrier's terminal status: the call-details
 *       API is asked, once;</li>
 *   <li>calls whose next step is not decided: retried, and after {@code decision-timeout} without the carrier's terminal
 *       status, the call-details API is asked and failing that the media result alone decides;</li>
 *   <li>calls we placed that never streamed nor got a terminal status: asked of the call-details API.</li>
 * </ul>
 */
@Component
public class CallReconciler {

    private static final Logger log = LoggerFactory.getLogger(CallReconciler.class);

    private final CallRecordStore store;
    private final OrphanedCallRecords orphans;
    private final CallRecordWriter writer;
    private final CallDecisions callRecords;
    private final SessionStore sessions;
    private final CarrierCallStatus carrier;
    private final DurabilityProperties settings;
    private final JdbcClient jdbc;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().name("call-reconciler").daemon().factory());
    private final ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean();

    public CallReconciler(CallRecordStore store, OrphanedCallRecords orphans, CallRecordWriter writer,
                          CallDecisions callRecords, SessionStore sessions, CarrierCallStatus carrier, DurabilityProperties settings,
                          JdbcClient jdbc) {
        this.store = store;
        this.orphans = orphans;
        this.writer = writer;
        this.callRecords = callRecords;
        this.sessions = sessions;
        this.carrier = carrier;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startUp() {
        long every = settings.reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> runner.execute(this::reconcileQuietly), 0, every, TimeUnit.MILLISECONDS);
    }

    private void reconcileQuietly() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Reconciling calls failed ({}); trying again in {}", e.getMessage(), settings.reconcileInterval());
        } finally {
            running.set(false);
        }
    }

    /**
     * One pass; public so an operator action or a test can run it now. Each step goes on its own: Redis down stops
     * only the steps that need it (the outbox, merging sessions), not closing stale rows with what PostgreSQL holds nor
     * deciding next steps, and a step that fails is tried again next pass.
     */
    public void reconcile() {
        AtomicBoolean redisAnswers = new AtomicBoolean(true); // once it fails, this pass stops waiting on it
        step("replaying the Redis outbox", () -> drainOutbox(redisAnswers));
        step("closing ownerless media streams", () -> closeOrphans(redisAnswers));
        step("asking the carrier about late statuses", this::askAboutLateStatuses);
        step("deciding next steps", this::decideUndecided);
        step("asking the carrier about placed calls that never streamed", this::askAboutSilentPlacedCalls);
    }

    private void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("Reconciling calls: {} failed ({}); the other steps went on, this one is tried again in {}",
                    what, e.getMessage(), settings.reconcileInterval());
        }
    }

    private void drainOutbox(AtomicBoolean redisAnswers) {
        java.util.Set<String> members;
        try {
            members = writer.outboxMembers();
        } catch (RuntimeException e) {
            redisAnswers.set(false);
            throw e;
        }
        for (String callSid : members) {
            try {
                writer.drainOutbox(callSid);
            } catch (RuntimeException e) {
                log.debug("Outbox entry for call {} not applied yet: {}", callSid, e.toString());
            }
        }
    }

    private void closeOrphans(AtomicBoolean redisAnswers) {
        for (OrphanedCallRecords.Orphan orphan : orphans.orphans(settings.ownerTimeout(), writer.held(), 100)) {
            try {
                closeOrphan(orphan, redisAnswers);
            } catch (RuntimeException e) {
                // one row the database refuses must not keep every later orphan open
                log.warn("Call {}: closing its ownerless media stream failed ({}); trying again next pass",
                        orphan.callSid(), e.getMessage());
            }
        }
    }

    private void closeOrphan(OrphanedCallRecords.Orphan orphan, AtomicBoolean redisAnswers) {
        String callSid = orphan.callSid();
        // What Redis knew is merged as far as it can be; a part PostgreSQL refuses, or a Redis that does not answer,
        // must not keep the row open.
        if (redisAnswers.get()) {
            mergeFromRedis(callSid, redisAnswers);
        }
        if (orphan.exotelLeg()) {
            askCarrier(callSid);
        }
        if (orphans.closeOrphan(callSid, settings.ownerTimeout())) {
            log.warn("Call {}: its media stream has no owner any more ({} stopped); closed with what was collected{}",
                    callSid, orphan.owner(), redisAnswers.get() ? "" : " (Redis did not answer: what PostgreSQL held)");
        }
    }

    private void mergeFromRedis(String callSid, AtomicBoolean redisAnswers) {
        Optional<CallRecordStore.Snapshot> snapshot;
        Optional<ConversationSession> session;
        try {
            snapshot = writer.outboxEntry(callSid);
            session = sessions.find(callSid);
        } catch (RuntimeException e) {
            redisAnswers.set(false);
            log.warn("Call {}: Redis did not answer ({}); closing with what the row holds", callSid, e.getMessage());
            return;
        }
        try {
            snapshot.ifPresent(store::write);
        } catch (RuntimeException e) {
            log.warn("Call {}: its outbox snapshot could not be written ({}); closing with the session's state",
                    callSid, e.getMessage());
        }
        try {
            session.ifPresent(s -> orphans.recoverFromSession(callSid, new OrphanedCallRecords.ConversationSessionView(
                    s.collectedData(), s.conversationStage(), s.finalOutcome(), s.escalationRequested(),
                    s.doNotCallRequested(), s.transcriptHistory())));
        } catch (RuntimeException e) {
            log.warn("Call {}: its Redis session could not be merged ({}); closing with what the row holds",
                    callSid, e.getMessage());
        }
    }

    private void decideUndecided() {
        List<Map<String, Object>> undecided = jdbc.sql("""
                SELECT call_sid, exotel_leg AND exotel_terminal_at IS NULL
                                 AND COALESCE(media_ended_at, updated_at) < now() - make_interval(secs => :secs) AS overdue
                  FROM call_sessions
                 WHERE next_step_decided_at IS NULL AND vaani_call_status_rank(status) = 3
                   AND (media_ended_at IS NOT NULL OR stream_sid IS NULL)
                 ORDER BY updated_at LIMIT 100""")
                .param("secs", settings.decisionTimeout().toMillis() / 1000.0).query().listOfRows();
        for (Map<String, Object> row : undecided) {
            String callSid = (String) row.get("call_sid");
            if (!Boolean.TRUE.equals(row.get("overdue"))) {
                callRecords.decideIfReady(callSid);
                continue;
            }
            askCarrier(callSid);
            if (!callRecords.decideIfReady(callSid) && callRecords.decideOnMediaResult(callSid)) {
                log.info("Call {}: no terminal status from the carrier within {}; decided on the media result alone",
                        callSid, settings.decisionTimeout());
            }
        }
    }

    /**
     * Exotel's terminal status follows the end of the media leg within seconds; one that has not come after the status
     * grace was most likely lost (no instance listened when Exotel posted it), so the carrier is asked then, once, by
     * one instance, rather than only at the decision timeout: until then the call counts as in progress.
     */
    private void askAboutLateStatuses() {
        if (!carrier.available()) {
            return;
        }
        List<String> late = jdbc.sql("""
                UPDATE call_sessions SET carrier_asked_at = now()
                 WHERE call_sid IN (SELECT call_sid FROM call_sessions
                                     WHERE exotel_leg AND exotel_terminal_at IS NULL AND carrier_asked_at IS NULL
                                       AND next_step_decided_at IS NULL
                                       AND media_ended_at < now() - make_interval(secs => :grace)
                                     ORDER BY media_ended_at LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING call_sid""")
                .param("grace", settings.statusGrace().toMillis() / 1000.0).query(String.class).list();
        for (String callSid : late) {
            log.info("Call {}: no terminal status from the carrier {} s after its media ended; asking for it",
                    callSid, settings.statusGrace().toSeconds());
            askCarrier(callSid);
        }
    }

    private void askAboutSilentPlacedCalls() {
        if (!carrier.available()) {
            return;
        }
        // each is asked once per decision timeout (the stamp), for a day at most
        List<String> silent = jdbc.sql("""
                UPDATE call_sessions SET updated_at = now()
                 WHERE call_sid IN (SELECT call_sid FROM call_sessions
                                     WHERE exotel_leg AND vaani_call_status_rank(status) < 3 AND stream_sid IS NULL
                                       AND updated_at < now() - make_interval(secs => :secs)
                                       AND created_at > now() - INTERVAL '1 day'
                                     ORDER BY updated_at LIMIT 20 FOR UPDATE SKIP LOCKED)
                RETURNING call_sid""")
                .param("secs", settings.decisionTimeout().toMillis() / 1000.0).query(String.class).list();
        silent.forEach(this::askCarrier);
    }

    /** Applies the carrier's view of the call when it is terminal there. */
    private void askCarrier(String callSid) {
        if (carrier.available()) {
            carrier.settle(callSid);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        timer.shutdownNow();
        runner.close();
    }
}
