package dev.vaani.campaign;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import dev.vaani.crm.CallEnded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hands a line that frees to the call waiting for it. A call that finds no free line is not looked at again every
 * few seconds (2 000 queued calls would each cost their queries twice a minute, and a freed line would stay idle until
 * one of them happened to look): it waits, and when a call ends its line is offered at once to the next waiting call
 * that can take it (its lead not on another call nor held by another campaign's, {@link LeadAvailability}), fairly
 * across campaigns ({@link AccountLines#nextWaiting}). Offering moves that call's one execution to now, so it is
 * still the same attempt, placed at most once by the dialer's claim. A line that frees without a call ending (a
 * placement's answer that never came, a call row past its longest duration) is offered by the safety net, every
 * {@link #SAFETY_NET}, at the cost of one query when nothing waits.
 */
@Component
class FreeLines {

    private static final Logger log = LoggerFactory.getLogger(FreeLines.class);
    static final Duration SAFETY_NET = Duration.ofSeconds(30);

    private final AccountLines lines;
    private final DialQueue queue;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    FreeLines(AccountLines lines, DialQueue queue, ObjectProvider<Scheduler> scheduler, Clock clock) {
        this.lines = lines;
        this.queue = queue;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Offers every free line to the call next in turn for it; returns those calls. */
    List<Long> offer() {
        Instant now = clock.instant();
        List<Long> next = lines.nextWaiting(now);
        for (long id : next) {
            try {
                queue.move(id, now);
            } catch (ExecutionException movedMeanwhile) {
                // Two calls ending together offered their lines to the same waiting call, or a scheduler picked it
                // just now: either way it is being looked at, which is all an offer does.
            }
        }
        if (!next.isEmpty()) {
            // this instance looks at once rather than at its next poll; another may still be first, which is as good
            scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
        }
        return next;
    }

    /** Once the call's end is committed, its line is free in every instance's count. */
    @TransactionalEventListener(fallbackExecution = true)
    void callEnded(CallEnded ended) {
        offerQuietly();
    }

    /**
     * A placement that failed freed its line, or a call found its lead could not be rung and left the line it claimed
     * for the next; a failure here only delays the next call until the safety net.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void placementFailed(Dialer.LineFreed freed) {
        offerQuietly();
    }

    private void offerQuietly() {
        try {
            offer();
        } catch (RuntimeException e) {
            log.warn("Could not offer a freed line to a waiting call now ({}); the next look in {} s will",
                    e.toString(), SAFETY_NET.toSeconds());
        }
    }
}
