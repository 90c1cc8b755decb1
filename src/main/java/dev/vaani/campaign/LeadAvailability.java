package dev.vaani.campaign;

import dev.vaani.call.CallProperties;
import dev.vaani.call.DurabilityProperties;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether a queued call may ring its lead now, as far as the lead's other calls go. A lead in several campaigns is one
 * person, so:
 * <ul>
 * <li><b>On a call</b>: a call of ours to them is on the line or being placed (whichever campaign), or they are talking
 *     to us on an inbound call. The queued call looks again soon.</li>
 * <li><b>Another call's turn</b>: a first attempt or retry waits until its own campaign's retry interval has passed
 *     after the lead's last call of another campaign, answered or not, after a call back the lead booked with another
 *     campaign (its booked time counts as a call then), and after an answered call from the lead's number. So a lead who asked one campaign to call at 17:00 is
 *     not rung by another before then, nor by the next campaign minutes after they spoke to one or let its call ring
 *     out. The queued call is moved, not spent: the same attempt, later. A call back keeps its time: the lead asked
 *     for it.</li>
 * </ul>
 * The one place the rule is written: the dialer's claim reads it for the call it claims ({@link #of}) and the offer
 * of a freed line ({@link AccountLines}) for the calls it may offer the line to ({@link #MAY_RING}), so a line is
 * offered only to a call that can take it. Not a bean: the dialer and the account's lines, which tests build with
 * their own accounts, make their own.
 */
final class LeadAvailability {

    /** The lead of queued call {@code s} is on a call now. Parameters :since and :dialingSince ({@link #window}). */
    private static final String ON_A_CALL = """
            (EXISTS (SELECT 1 FROM call_sessions live WHERE live.lead_id = s.lead_id AND live.created_at > :since
                       AND %s)
             OR EXISTS (SELECT 1 FROM scheduled_calls placement WHERE placement.lead_id = s.lead_id
                          AND placement.state IN ('dialing', 'unknown')
                          AND COALESCE(placement.dialing_at, placement.updated_at) > :dialingSince)
             OR EXISTS (SELECT 1 FROM leads l JOIN call_sessions caller ON caller.from_number = l.phone
                         WHERE l.id = s.lead_id AND caller.direction = 'inbound'
                           AND caller.status IN ('initiated', 'ringing', 'in-progress') AND caller.created_at > :since))"""
            .formatted(Dialer.ON_THE_LINE); // its columns are the innermost table's: live's

    /**
     * The first moment the lead's other calls let queued call {@code s} ring them; null when they do not hold it back.
     * A call of another campaign counts from its end, answered or not (a missed call is still a call the person saw);
     * a call back still to be placed, from its booked time; an answered call from the lead's number, from its end
     * (most likely the lead, who just spoke to us, whether before or after this campaign started).
     * Over {@code s}, a row of scheduled_calls; no parameters. A campaign's start reads it too, to queue such a call
     * for then and say so.
     */
    static final String HELD_BY_OTHERS_UNTIL = """
            (CASE WHEN s.kind <> 'callback' THEN GREATEST(
                (SELECT max(booked.due_at) FROM scheduled_calls booked
                  WHERE booked.lead_id = s.lead_id AND booked.campaign_id <> s.campaign_id
                    AND booked.kind = 'callback' AND booked.state = 'pending'),
                (SELECT max(COALESCE(rung.ended_at, rung.media_ended_at, rung.answered_at)) FROM call_sessions rung
                  WHERE rung.lead_id = s.lead_id AND rung.campaign_id IS DISTINCT FROM s.campaign_id),
                (SELECT max(COALESCE(spoke.ended_at, spoke.media_ended_at, spoke.answered_at))
                   FROM leads l JOIN call_sessions spoke ON spoke.from_number = l.phone
                  WHERE l.id = s.lead_id AND spoke.direction = 'inbound' AND spoke.answered_at IS NOT NULL)
              ) + (SELECT make_interval(mins => own.retry_interval_minutes) FROM campaigns own WHERE own.id = s.campaign_id)
             END)""";

    /** Queued call {@code s} may ring its lead now. Parameters :now, :since and :dialingSince ({@link #window}). */
    static final String MAY_RING = "(NOT " + ON_A_CALL + " AND COALESCE(" + HELD_BY_OTHERS_UNTIL + " <= :now, true))";

    /** What the lead's other calls say about ringing them now. */
    sealed interface Verdict {
        record Free() implements Verdict {
        }

        record OnACall() implements Verdict {
        }

        /** Another campaign's call or booked call back holds the lead until then. */
        record WaitsUntil(Instant when) implements Verdict {
        }
    }

    private final JdbcClient jdbc;
    private final CallProperties callProperties;
    private final DurabilityProperties durability;

    LeadAvailability(JdbcClient jdbc, CallProperties callProperties, DurabilityProperties durability) {
        this.jdbc = jdbc;
        this.callProperties = callProperties;
        this.durability = durability;
    }

    /** For the queued call's lead now. Read under the lead's lock, so no call of another campaign starts meanwhile. */
    Verdict of(long scheduledCallId, Instant now) {
        return jdbc.sql("SELECT " + ON_A_CALL + " AS on_a_call, " + HELD_BY_OTHERS_UNTIL
                        + " AS allowed_from FROM scheduled_calls s WHERE s.id = :id")
                .paramSource(window(now).addValue("id", scheduledCallId))
                .query((rs, n) -> {
                    Timestamp from = rs.getTimestamp("allowed_from");
                    if (rs.getBoolean("on_a_call")) {
                        return (Verdict) new Verdict.OnACall();
                    }
                    return from != null && from.toInstant().isAfter(now) ? new Verdict.WaitsUntil(from.toInstant())
                            : new Verdict.Free();
                }).single();
    }

    /**
     * Moves the queued call to the first moment its campaign's hours allow from {@code from}, the attempt unspent;
     * returns that moment. Its policy time stays: a window edited or a campaign started again reads the hold afresh,
     * so a call back cancelled meanwhile no longer holds it.
     */
    Instant putOff(long scheduledCallId, Campaign campaign, String leadZone, Instant from) {
        Instant due = campaign.dueFrom(from, leadZone);
        jdbc.sql("UPDATE scheduled_calls SET due_at = :due, updated_at = now() WHERE id = :id AND state = 'pending'")
                .param("due", Timestamp.from(due)).param("id", scheduledCallId).update();
        return due;
    }

    /**
     * :now, and the moments before which a call or a placement no longer holds a line or a lead: a call row older than
     * the longest a call may last, an attempt being placed older than the dialing timeout (its outcome is then looked
     * up, and a call it made counts by its row).
     */
    MapSqlParameterSource window(Instant now) {
        return new MapSqlParameterSource().addValue("now", Timestamp.from(now))
                .addValue("since", Timestamp.from(now.minus(callProperties.longestCallRow())))
                .addValue("dialingSince", Timestamp.from(now.minus(durability.dialingTimeout())));
    }
}
