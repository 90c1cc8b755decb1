package dev.vaani.campaign;

import dev.vaani.crm.PhoneMasking;
import dev.vaani.telephony.exotel.ExotelApiException;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An attempt whose placement Exotel refused, or answered too late to know: asked again before any redial when the
 * call may exist, tried again soon when the refusal is passing, every campaign paused when the account itself is
 * refused, and otherwise the attempt over without a call. Whether the line it held goes to the next waiting call
 * ({@link FreeLines}) is decided here too: not while the next call would only be refused in turn. Not a bean: the
 * dialer makes its own.
 */
final class PlacementFailures {

    private static final Logger log = LoggerFactory.getLogger(PlacementFailures.class);

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final AccountRefusals accountRefusals;
    private final InvalidRequests invalidRequests;
    private final ApplicationEventPublisher events;

    PlacementFailures(JdbcClient jdbc, Campaigns campaigns, AccountRefusals accountRefusals,
                      InvalidRequests invalidRequests, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.accountRefusals = accountRefusals;
        this.invalidRequests = invalidRequests;
        this.events = events;
    }

    /** What the attempt does next, now that Exotel did not place its call or may have. */
    DialDecision decide(ExotelApiException e, Dialer.Due due, Campaign campaign, Instant now) {
        if (e.reason() == ExotelApiException.Reason.OUTCOME_UNKNOWN) {
            jdbc.sql("UPDATE scheduled_calls SET state = 'unknown', last_error = ?, updated_at = now() WHERE id = ?")
                    .params(e.getMessage(), due.id()).update();
            log.warn("Call to {} may or may not have been placed ({}); asking Exotel before any redial",
                    PhoneMasking.mask(due.phone()), e.getMessage());
            return new DialDecision.RunAt(now.plus(AttemptResolver.FIRST_LOOK));
        }
        if (e.retryable()) {
            Instant later = now.plus(Dialer.TRANSIENT_RETRY);
            jdbc.sql("""
                    UPDATE scheduled_calls SET state = 'pending', last_error = ?, due_at = ?, not_before = ?,
                           updated_at = now() WHERE id = ?""")
                    .params(e.getMessage(), Timestamp.from(later), Timestamp.from(later), due.id()).update();
            log.warn("Call to {} not placed, trying again at {}: {}", PhoneMasking.mask(due.phone()), later, e.getMessage());
            if (e.reason() != ExotelApiException.Reason.RATE_LIMITED) {
                // the line this attempt held is free again (FreeLines); not while Exotel asks us to slow down, when
                // the next waiting call would only be refused in turn
                events.publishEvent(new Dialer.LineFreed());
            }
            return new DialDecision.RunAt(later);
        }
        if (e.accountRefused()) {
            // not this lead's doing: it waits, unspent, and every campaign pauses until the account is fixed. No line
            // is handed on: the next waiting call would only be refused in turn.
            accountRefusals.refused(due.id(), e);
            return new DialDecision.Done();
        }
        if (e.reason() != ExotelApiException.Reason.INVALID_REQUEST) {
            jdbc.sql("UPDATE scheduled_calls SET state = 'failed', last_error = ?, updated_at = now() WHERE id = ?")
                    .params(e.getMessage(), due.id()).update();
        } else {
            InvalidRequests.Outcome outcome = invalidRequests.refused(due.id(), due.phone(), e, now);
            if (outcome == InvalidRequests.Outcome.PAUSED) {
                return new DialDecision.Done(); // as for an account refusal: the next waiting call would be refused too
            }
            if (outcome == InvalidRequests.Outcome.HELD) {
                Instant later = now.plus(InvalidRequests.RECHECK);
                log.warn("Call to {} refused by Exotel as invalid, trying once more at {}: {}",
                        PhoneMasking.mask(due.phone()), later, e.getMessage());
                events.publishEvent(new Dialer.LineFreed());
                return new DialDecision.RunAt(later);
            }
        }
        // the attempt is over without a call: the lead is not left 'queued' or 'new' for a campaign done with it
        jdbc.sql("UPDATE leads SET status = 'unreachable', updated_at = now() WHERE id = ? AND status <> 'qualified'")
                .param(due.leadId()).update();
        campaigns.completeIfDone(campaign.id());
        log.warn("Call to {} refused by Exotel: {}", PhoneMasking.mask(due.phone()), e.getMessage());
        events.publishEvent(new Dialer.LineFreed());
        return new DialDecision.Done();
    }
}
