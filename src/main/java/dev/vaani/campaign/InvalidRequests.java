package dev.vaani.campaign;

import dev.vaani.call.QuietTransactions;
import dev.vaani.telephony.exotel.ExotelApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exotel refusing a call as an invalid request (a 400) does not say whose fault it is: the number's (one Exotel will
 * not call) or our request's (a caller ID not on the account, a flow or URL it does not take). Taken for the number's,
 * a wrong {@code EXOTEL_VIRTUAL_NUMBER} would fail every lead of every campaign, one by one, in minutes.
 *
 * <p>So an attempt refused as invalid is held, its attempt unspent, and tried once more {@link #RECHECK} later;
 * refused again, the lead fails. And when calls to {@link #IN_A_ROW} different numbers are refused in a row with none
 * placed between, the request is ours: every active campaign pauses with the reason, as for an account refusal
 * ({@link AccountRefusals}), and every held attempt waits, unspent, for the operator to fix it and start again.
 *
 * <p>The run of refusals is counted on each instance (a restart forgets it: held attempts stay held in PostgreSQL, so
 * nothing is spent meanwhile); the pause is in PostgreSQL for all.
 */
@Component
class InvalidRequests {

    private static final Logger log = LoggerFactory.getLogger(InvalidRequests.class);
    /** Different numbers refused in a row, none placed between, that make the refusals ours. */
    static final int IN_A_ROW = 3;
    /** How long a first refusal waits before the attempt is tried once more. */
    static final Duration RECHECK = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final QuietTransactions transactions;
    private final MeterRegistry meters;
    private final Set<String> refusedInARow = new HashSet<>(); // guarded by this

    InvalidRequests(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new QuietTransactions(transactions.getTransactionManager());
        this.meters = meters;
    }

    /** Exotel took a call: whatever it refused before was the numbers', not the request. */
    synchronized void placed() {
        refusedInARow.clear();
    }

    /** What a refused attempt does next. */
    enum Outcome {
        /** Held, unspent, until {@link #RECHECK} has passed. */
        HELD,
        /** Refused twice: the lead fails. */
        FAILED,
        /** The last of a run that makes the refusals ours: every active campaign paused, nothing spent. */
        PAUSED
    }

    Outcome refused(long scheduledCallId, String phone, ExotelApiException refusal, Instant now) {
        boolean ours;
        synchronized (this) {
            refusedInARow.add(phone);
            ours = refusedInARow.size() >= IN_A_ROW;
            if (ours) {
                refusedInARow.clear();
            }
        }
        return ours ? pauseEveryCampaign(scheduledCallId, refusal, now) : holdOrFail(scheduledCallId, refusal, now);
    }

    private Outcome holdOrFail(long scheduledCallId, ExotelApiException refusal, Instant now) {
        Instant later = now.plus(RECHECK);
        String state = jdbc.sql("""
                UPDATE scheduled_calls
                   SET state = CASE WHEN invalid_request_at IS NULL THEN 'pending' ELSE 'failed' END,
                       invalid_request_at = COALESCE(invalid_request_at, :now),
                       due_at = CASE WHEN invalid_request_at IS NULL THEN :later ELSE due_at END,
                       not_before = CASE WHEN invalid_request_at IS NULL THEN :later ELSE not_before END,
                       last_error = :error, updated_at = now()
                 WHERE id = :id AND state = 'dialing' RETURNING state""")
                .param("now", Timestamp.from(now)).param("later", Timestamp.from(later))
                .param("error", refusal.getMessage()).param("id", scheduledCallId)
                .query(String.class).optional().orElse("failed");
        return state.equals("pending") ? Outcome.HELD : Outcome.FAILED;
    }

    private Outcome pauseEveryCampaign(long scheduledCallId, ExotelApiException refusal, Instant now) {
        meters.counter("vaani.dialer.account.refusals", "reason", "INVALID_REQUESTS_IN_A_ROW").increment();
        String reason = ("Exotel refused calls to %d different numbers in a row as invalid requests, so the request is "
                + "wrong, not the numbers (check EXOTEL_VIRTUAL_NUMBER, the caller ID, and the Voicebot app or URL); "
                + "the last: %s").formatted(IN_A_ROW, refusal.getMessage().replaceFirst("[.\\s]+$", ""));
        List<Long> paused = transactions.inOne(() -> {
            // this attempt, and those held before it: unspent, tried afresh once the campaigns start again
            jdbc.sql("""
                    UPDATE scheduled_calls SET state = 'pending', invalid_request_at = NULL, last_error = ?,
                           not_before = LEAST(not_before, ?), updated_at = now()
                     WHERE (id = ? AND state = 'dialing') OR (state = 'pending' AND invalid_request_at IS NOT NULL)""")
                    .params(reason, Timestamp.from(now), scheduledCallId).update();
            return jdbc.sql("""
                    UPDATE campaigns SET status = 'paused', paused_reason = ?, updated_at = now()
                     WHERE status = 'active' RETURNING id""").param(reason).query(Long.class).list();
        });
        if (!paused.isEmpty()) {
            log.error("{}. Paused campaign(s) {}; no lead was marked failed and no attempt was spent. Fix the setting, "
                    + "then start the campaign(s) again.", reason, paused);
        }
        return Outcome.PAUSED;
    }
}
