package dev.vaani.campaign;

import dev.vaani.call.QuietTransactions;
import dev.vaani.telephony.exotel.ExotelApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exotel refused the account, not the lead ({@link ExotelApiException#accountRefused()}: a rotated API token, no
 * balance, a suspended account, a wrong account SID). Every other call would be refused the same way, and marking each
 * lead failed for it would burn a 500-lead campaign in minutes. So the refused attempt goes back to waiting with its
 * attempt number unspent, and every active campaign pauses (they all dial on the one account), with the reason stored
 * on the campaign in PostgreSQL where every instance, the console and the API see it. Starting a campaign again is the
 * operator saying the account is fixed; a refusal then pauses it again.
 *
 * <p>There is no automatic resume, not even for a 402: Vaani cannot see the balance, and probing would mean dialling
 * a lead on an account that may still refuse, every few minutes, for hours.
 */
@Component
class AccountRefusals {

    private static final Logger log = LoggerFactory.getLogger(AccountRefusals.class);

    private final JdbcClient jdbc;
    private final QuietTransactions transactions;
    private final MeterRegistry meters;

    AccountRefusals(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new QuietTransactions(transactions.getTransactionManager());
        this.meters = meters;
    }

    /**
     * The attempt being placed goes back to pending (same attempt, its line given back) and every active campaign
     * pauses with the refusal as its reason. Logged once per refusal that paused something: attempts refused together
     * on several instances pause nothing more after the first.
     *
     * @return the campaigns this refusal paused (empty when an earlier refusal had paused them all)
     */
    List<Long> refused(long scheduledCallId, ExotelApiException refusal) {
        meters.counter("vaani.dialer.account.refusals", "reason", refusal.reason().name()).increment();
        // shown as a sentence of its own (console, log): without Exotel's closing full stop
        String reason = refusal.getMessage().replaceFirst("[.\\s]+$", "");
        List<Long> paused = transactions.inOne(() -> {
            jdbc.sql("""
                    UPDATE scheduled_calls SET state = 'pending', last_error = ?, updated_at = now()
                     WHERE id = ? AND state = 'dialing'""").params(reason, scheduledCallId).update();
            return jdbc.sql("""
                    UPDATE campaigns SET status = 'paused', paused_reason = ?, updated_at = now()
                     WHERE status = 'active' RETURNING id""").param(reason).query(Long.class).list();
        });
        if (!paused.isEmpty()) {
            log.error("Exotel refused the account, so no call can be placed: {}. Paused campaign(s) {}; no lead was "
                    + "marked failed and no attempt was spent. Fix the account, then start the campaign(s) again.",
                    reason, paused);
        }
        return paused;
    }
}
