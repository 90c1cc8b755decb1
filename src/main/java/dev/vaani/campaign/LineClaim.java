package dev.vaani.campaign;

import dev.vaani.call.QuietTransactions;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dialer's claim of a line for one queued call ({@code pending} to {@code dialing}): it takes a line only if the
 * campaign and the Exotel account have one free ({@link AccountLines}) and the lead may be rung now
 * ({@link LeadAvailability}). Serialised for the whole account and then per lead across the cluster (always in that
 * order, so two claims never wait for each other), so two instances cannot both take the last line, nor both ring one
 * lead.
 */
final class LineClaim {

    /** What a claim found. */
    sealed interface Claim {
        record Claimed() implements Claim {
        }

        record NoFreeLine() implements Claim {
        }

        record LeadOnACall() implements Claim {
        }

        /**
         * The lead's other call (another campaign's, or theirs to us) comes first: the queued call was moved to
         * {@code until}, unspent.
         */
        record PutOff(Instant until) implements Claim {
        }

        /** No longer pending (another look placed it), moved later, or the lead now on do-not-call. */
        record Changed() implements Claim {
        }
    }

    private final JdbcClient jdbc;
    private final QuietTransactions transactions;
    private final AccountLines accountLines;
    private final LeadAvailability leads;

    LineClaim(JdbcClient jdbc, QuietTransactions transactions, AccountLines accountLines, LeadAvailability leads) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.accountLines = accountLines;
        this.leads = leads;
    }

    Claim claim(Dialer.Due due, Campaign campaign, Instant now) {
        return transactions.inOne(() -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(7413, 0)").query().listOfRows();
            if (campaignCalls(due.campaignId(), now) >= campaign.maxConcurrentCalls()
                    || !accountLines.mayTake(due.campaignId(), now)) {
                return new Claim.NoFreeLine();
            }
            // A lead in two campaigns (the same file imported into both) was rung by both at once: one person, two
            // calls, the second busy or beeping through the first conversation. The other campaign's call goes first.
            jdbc.sql("SELECT pg_advisory_xact_lock(7412, CAST(? AS integer))").param(due.leadId()).query().listOfRows();
            switch (leads.of(due.id(), now)) {
                case LeadAvailability.Verdict.OnACall() -> {
                    return new Claim.LeadOnACall();
                }
                case LeadAvailability.Verdict.WaitsUntil(Instant until) -> {
                    return new Claim.PutOff(leads.putOff(due.id(), campaign, due.timeZone(), until));
                }
                case LeadAvailability.Verdict.Free() -> {
                }
            }
            // do-not-call is read again here, under the claim: a call that just ended with "don't call me again"
            // may have set it after this attempt was read (the next look cancels the attempt)
            return jdbc.sql("""
                    UPDATE scheduled_calls SET state = 'dialing', dialing_at = ?, updated_at = now()
                    WHERE id = ? AND state = 'pending' AND due_at <= ?
                      AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.id = scheduled_calls.lead_id AND l.do_not_call)""")
                    .params(Timestamp.from(now), due.id(), Timestamp.from(now)).update() == 1
                    ? new Claim.Claimed() : new Claim.Changed();
        });
    }

    /**
     * Calls placed or being placed for the campaign. An attempt in 'dialing' or 'unknown' stops counting once it is
     * older than the dialing timeout, a call once it is older than the longest a call may last.
     */
    private int campaignCalls(long campaignId, Instant now) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM call_sessions WHERE campaign_id = :id AND %1$s AND created_at > :since)
                     + (SELECT count(*) FROM scheduled_calls WHERE campaign_id = :id AND state IN ('dialing', 'unknown')
                          AND COALESCE(dialing_at, updated_at) > :dialingSince)""".formatted(Dialer.ON_THE_LINE))
                .paramSource(leads.window(now).addValue("id", campaignId))
                .query(Integer.class).single();
    }
}
