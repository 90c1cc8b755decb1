package dev.vaani.campaign;

import dev.vaani.call.DurabilityProperties;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.PhoneMasking;
import dev.vaani.phone.PhoneNumbers;
import dev.vaani.telephony.exotel.CallDetails;
import dev.vaani.telephony.exotel.ExotelApiException;
import dev.vaani.telephony.exotel.ExotelCallUrls;
import dev.vaani.telephony.exotel.ExotelClient;
import dev.vaani.telephony.exotel.ExotelProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles an attempt whose placement has no known result: Calls/connect timed out or failed after it may have
 * reached Exotel ('unknown'), or the process died between 'dialing' and 'placed'. Exotel's bulk call-details API is
 * asked for calls to the lead around the attempt (matched by the CustomField carrying lead, campaign and attempt,
 * else by the time window): a call found makes the attempt 'placed' with that call; none found once the dialing
 * timeout has passed (Exotel creates a call when it accepts the request) sends it back to 'pending' to be dialled.
 * Runs inside the attempt's own db-scheduler execution, so one instance at a time; every change is guarded by the
 * state it expects.
 */
@Component
class AttemptResolver {

    private static final Logger log = LoggerFactory.getLogger(AttemptResolver.class);
    /** The first look after an unknown placement: Exotel's records need a moment. */
    static final Duration FIRST_LOOK = Duration.ofSeconds(5);
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(30);
    /** Clocks differ: the window around the attempt Exotel's calls are searched in. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final ExotelClient exotel;
    private final ExotelProperties exotelProperties;
    private final CallRecords callRecords;
    private final DurabilityProperties durability;
    private final TransactionTemplate transactions;

    AttemptResolver(JdbcClient jdbc, ExotelClient exotel, ExotelProperties exotelProperties, CallRecords callRecords,
                    DurabilityProperties durability, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.exotel = exotel;
        this.exotelProperties = exotelProperties;
        this.callRecords = callRecords;
        this.durability = durability;
    }

    DialDecision resolve(Dialer.Due due, Instant now) {
        Instant dialingAt = due.dialingAt() != null ? due.dialingAt().toInstant() : now.minus(durability.dialingTimeout());
        Instant settled = dialingAt.plus(durability.dialingTimeout());
        if (due.state().equals("dialing") && now.isBefore(settled)) {
            return new DialDecision.RunAt(settled); // its placement may still be under way on another instance
        }
        List<CallDetails> calls;
        try {
            calls = exotel.findCalls(due.phone(), dialingAt.minus(SLACK), now.plus(SLACK));
        } catch (ExotelApiException e) {
            jdbc.sql("UPDATE scheduled_calls SET last_error = ?, updated_at = now() WHERE id = ?")
                    .params("asking Exotel whether the call was placed failed: " + e.getMessage(), due.id()).update();
            return new DialDecision.RunAt(now.plus(LOOK_AGAIN));
        }
        Optional<CallDetails> made = calls.stream().filter(c -> c.callSid() != null && belongs(c, due, dialingAt))
                .min(Comparator.comparing(c -> c.dateCreated() == null ? Instant.MAX : c.dateCreated()));
        if (made.isPresent()) {
            adopt(due, made.get());
            return new DialDecision.Done();
        }
        if (now.isBefore(settled)) {
            return new DialDecision.RunAt(now.plus(LOOK_AGAIN).isBefore(settled) ? now.plus(LOOK_AGAIN) : settled);
        }
        int reset = jdbc.sql("""
                UPDATE scheduled_calls SET state = 'pending', due_at = ?, call_sid = NULL, updated_at = now(),
                       last_error = 'Exotel has no call for this attempt; dialling again'
                WHERE id = ? AND state IN ('unknown', 'dialing')""").params(Timestamp.from(now), due.id()).update();
        if (reset == 1) {
            log.info("Attempt {} to {}: Exotel has no call for it; it will be dialled again", due.id(),
                    PhoneMasking.mask(due.phone()));
        }
        return new DialDecision.RunAt(now);
    }

    /**
     * Whether an Exotel call is this attempt's: by the CustomField we sent, else by the lead's number and time. The
     * number is checked here too, whatever the query asked: exotel.md lists no From filter for the bulk call details,
     * and Exotel writes numbers 0-prefixed, so a list of every call in the window must not give this attempt another
     * lead's call.
     */
    private static boolean belongs(CallDetails call, Dialer.Due due, Instant dialingAt) {
        Map<String, String> field = ExotelCallUrls.parseCustomField(call.customField());
        if (field.containsKey("lead") && field.containsKey("attempt")) {
            return field.get("lead").equals(Long.toString(due.leadId()))
                    && field.get("attempt").equals(Integer.toString(due.attempt()))
                    && (!field.containsKey("campaign") || field.get("campaign").equals(Long.toString(due.campaignId())));
        }
        return (sameNumber(call.from(), due.phone()) || sameNumber(call.to(), due.phone()))
                && (call.dateCreated() == null || !call.dateCreated().isBefore(dialingAt.minus(SLACK)));
    }

    private static boolean sameNumber(String written, String e164) {
        return written != null && PhoneNumbers.parse(written) instanceof PhoneNumbers.Accepted(String number)
                && number.equals(e164);
    }

    private void adopt(Dialer.Due due, CallDetails call) {
        // placed and its call row in one transaction, so the campaign's concurrency count never misses the call
        boolean adopted = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (jdbc.sql("""
                    UPDATE scheduled_calls SET state = 'placed', call_sid = ?, last_error = NULL, updated_at = now()
                    WHERE id = ? AND state IN ('unknown', 'dialing')""").params(call.callSid(), due.id()).update() == 0) {
                return false;
            }
            callRecords.placed(call.callSid(), due.leadId(), due.campaignId(), exotelProperties.virtualNumber(), due.phone());
            return true;
        }));
        if (!adopted) {
            return;
        }
        log.info("Attempt {} to {} did place call {} (found through Exotel's call details)", due.id(),
                PhoneMasking.mask(due.phone()), call.callSid());
        call.terminalUpdate(null).ifPresent(update -> callRecords.apply(update, Map.of("source", "call-details")));
    }
}
