package dev.vaani.integration;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vaani.platform.admin.StateConflictException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable outbox of webhook deliveries (table webhook_deliveries). An event is stored before anything is sent,
 * in the transaction of whatever caused it, so a crash or an unreachable receiver loses nothing; the dispatcher
 * claims due rows with a lease, so each attempt is made by one instance and a crashed attempt is retried.
 */
@Repository
public class WebhookOutbox {

    /** How long a claimed delivery is reserved for the instance sending it. */
    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookProperties settings;

    public WebhookOutbox(JdbcClient jdbc, JsonMapper json, Clock clock, WebhookProperties settings) {
        this.jdbc = jdbc;
        // The API leaves null fields out; an event body keeps every documented field, null when it has no value, so
        // a receiver reading data.call.recording_url finds null rather than no key at all.
        this.json = json.rebuild().changeDefaultPropertyInclusion(inclusion -> JsonInclude.Value.construct(
                JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS)).build();
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * A due delivery handed to the dispatcher; {@code attempt} is this attempt's number, 1 for the first.
     *
     * @param receiver the host (and port) the URL points at: the lane it is sent in ({@link #RECEIVER})
     */
    record Claimed(long id, UUID eventId, String eventType, String url, String body, Long campaignId, int attempt,
                   Instant giveUpAt, String receiver) {
    }

    /**
     * The receiver a delivery URL points at, as SQL over the column {@code %1$s}: its host and port, lower-cased
     * ("crm.example.com", "crm.example.com:8443"), user info left out. A CRM that takes several URLs (one per campaign,
     * one per event kind) on one server is one receiver: lanes per URL let it get {@code perReceiver} requests per URL
     * at once. Computed in PostgreSQL so the claim and the busy list that comes back to it always agree.
     */
    static final String RECEIVER =
            "COALESCE(lower(substring(%1$s from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^/?#]+)')), %1$s)";

    /**
     * Stores an event for {@code endpoint}. The event id is derived from what the event is about ({@code dedupKey}),
     * so the same event enqueued twice (a repeated callback) is stored once. Returns false when it already was.
     */
    public boolean enqueue(String eventType, String dedupKey, String callSid, Long campaignId, WebhookEndpoint endpoint,
                           Map<String, Object> data) {
        UUID eventId = eventId(eventType, dedupKey, endpoint);
        Instant now = clock.instant();
        return insert(eventId, eventType, callSid, campaignId, endpoint, write(envelope(eventId, eventType, now, data)),
                "pending", null, now);
    }

    /**
     * Records an event whose body could not be built as failed, under the id it would have had, so it is listed
     * among the call's deliveries with {@code error} instead of vanishing. Its body is the envelope around
     * {@code minimalData}, what is known without the failed part; a replay sends that.
     */
    public boolean recordUnbuilt(String eventType, String dedupKey, String callSid, Long campaignId,
                                 WebhookEndpoint endpoint, Map<String, Object> minimalData, String error) {
        UUID eventId = eventId(eventType, dedupKey, endpoint);
        Instant now = clock.instant();
        return insert(eventId, eventType, callSid, campaignId, endpoint,
                write(envelope(eventId, eventType, now, minimalData)), "failed", error, now);
    }

    private static UUID eventId(String eventType, String dedupKey, WebhookEndpoint endpoint) {
        return UUID.nameUUIDFromBytes((eventType + "|" + dedupKey + "|" + endpoint.url()).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> envelope(UUID eventId, String eventType, Instant now, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", eventId.toString());
        envelope.put("type", eventType);
        envelope.put("created_at", now.toString());
        envelope.put("data", data);
        return envelope;
    }

    private boolean insert(UUID eventId, String eventType, String callSid, Long campaignId, WebhookEndpoint endpoint,
                           String body, String state, String error, Instant now) {
        return jdbc.sql("""
                INSERT INTO webhook_deliveries (event_id, event_type, call_sid, campaign_id, url, body, state, last_error,
                  next_attempt_at, give_up_at, created_at)
                VALUES (:id, :type, :sid, :campaign, :url, :body, :state, :error, :now, :giveUp, :now)
                ON CONFLICT (event_id) DO NOTHING""")
                .param("id", eventId).param("type", eventType).param("sid", callSid).param("campaign", campaignId)
                .param("url", endpoint.url()).param("body", body).param("state", state).param("error", error)
                .param("now", time(now)).param("giveUp", time(now.plus(settings.giveUpAfter()))).update() == 1;
    }

    /**
     * Reserves up to {@code limit} due deliveries for this instance (skipping those another one holds). A call's
     * events reach an endpoint in the order they happened: one waits while an earlier event of the same call to the
     * same URL is still pending (in flight or retrying), so a receiver never sees lead.qualified before the
     * call.completed it belongs to, or a call's completion before its transfer request. The attempt is counted
     * here, when it starts: one cut short by a crash still counts, so the next says Vaani-Delivery-Attempt 2, not 1
     * again.
     * <p>
     * Each receiver (host and port, {@link #RECEIVER}, whatever the path) gets at most {@code perReceiver} deliveries
     * a claim, and none while it is among {@code busy} (this instance still sends to it): a slow or dead receiver's
     * backlog waits for its own lane, never ahead of another receiver's events.
     */
    List<Claimed> claimDue(int limit, int perReceiver, Collection<String> busy) {
        Instant now = clock.instant();
        // No attempt after give_up_at, however late this look comes (a server down for a day, a lease run out)
        jdbc.sql("""
                UPDATE webhook_deliveries SET state = 'failed', updated_at = now(),
                  last_error = COALESCE(last_error || '; ', '') || 'not delivered before giving up'
                WHERE state = 'pending' AND next_attempt_at <= :now AND give_up_at <= :now""")
                .param("now", time(now)).update();
        return jdbc.sql("""
                UPDATE webhook_deliveries d SET next_attempt_at = :lease, leased_until = :lease, attempts = d.attempts + 1,
                  updated_at = now()
                WHERE d.id IN (SELECT w.id FROM webhook_deliveries w
                               WHERE w.id IN (SELECT ranked.id FROM (
                                                SELECT c.id, c.next_attempt_at, row_number() OVER (PARTITION BY %1$s
                                                         ORDER BY c.next_attempt_at, c.id) AS place
                                                FROM webhook_deliveries c
                                                WHERE c.state = 'pending' AND c.next_attempt_at <= :now
                                                  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(CAST(:busy AS jsonb)) b
                                                                  WHERE b.value = %1$s)
                                                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
                                                                  WHERE earlier.call_sid = c.call_sid AND earlier.url = c.url
                                                                    AND earlier.state = 'pending' AND earlier.id < c.id)
                                              ) ranked
                                              WHERE ranked.place <= :perReceiver
                                              ORDER BY ranked.next_attempt_at LIMIT :limit)
                                 AND w.state = 'pending' AND w.next_attempt_at <= :now -- not claimed meanwhile
                               FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.event_id, d.event_type, d.url, d.body, d.campaign_id, d.attempts, d.give_up_at,
                          %2$s AS receiver""".formatted(RECEIVER.formatted("c.url"), RECEIVER.formatted("d.url")))
                .param("now", time(now)).param("lease", time(now.plus(LEASE))).param("limit", limit)
                .param("perReceiver", perReceiver).param("busy", write(List.copyOf(busy)))
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"), rs.getString("url"), rs.getString("body"),
                        (Long) rs.getObject("campaign_id"), rs.getInt("attempts"),
                        rs.getObject("give_up_at", OffsetDateTime.class).toInstant(), rs.getString("receiver")))
                .list();
    }

    /** The delivery now goes to {@code url}: the endpoint it was queued for no longer has its old one. */
    void repoint(long id, String url) {
        jdbc.sql("UPDATE webhook_deliveries SET url = ?, updated_at = now() WHERE id = ?").params(url, id).update();
    }

    void delivered(long id, int status) {
        jdbc.sql("""
                UPDATE webhook_deliveries SET state = 'delivered', last_status = :status,
                  last_error = NULL, leased_until = NULL, delivered_at = :now, next_attempt_at = :now, updated_at = now() WHERE id = :id""")
                .param("status", status).param("now", time(clock.instant())).param("id", id).update();
    }

    /** A failed attempt: retried after the backoff, or failed for good when that would be past give_up_at. */
    void attemptFailed(Claimed delivery, Integer status, String error) {
        Instant next = clock.instant().plus(settings.backoffAfter(delivery.attempt()));
        boolean giveUp = next.isAfter(delivery.giveUpAt());
        jdbc.sql("""
                UPDATE webhook_deliveries SET last_status = :status, last_error = :error, leased_until = NULL,
                  state = :state, next_attempt_at = :next, updated_at = now() WHERE id = :id""")
                .param("status", status)
                .param("error", error == null ? null : error.substring(0, Math.min(error.length(), 500)))
                .param("state", giveUp ? "failed" : "pending").param("next", time(next)).param("id", delivery.id())
                .update();
    }

    public List<WebhookDelivery> forCall(String callSid) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE call_sid = ? ORDER BY id").param(callSid)
                .query(WebhookOutbox::map).list();
    }

    public Optional<WebhookDelivery> find(long id) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE id = ?").param(id).query(WebhookOutbox::map).optional();
    }

    /**
     * Sends a delivery again (same event id and body), now, with a fresh 24-hour retry budget. Refused while an attempt
     * of it is being made: the replay would be a second request at once, and the attempt may yet succeed. Once it
     * ends, or its lease runs out because the instance making it died, the delivery can be replayed.
     *
     * @return the delivery as replayed, or empty when there is none with that id
     * @throws AttemptInFlight while an attempt of it is being made
     */
    public Optional<WebhookDelivery> replay(long id) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = :now, give_up_at = :giveUp,
                  leased_until = NULL, updated_at = now()
                WHERE id = :id AND (leased_until IS NULL OR leased_until <= :now)""")
                .param("now", time(now)).param("giveUp", time(now.plus(settings.giveUpAfter()))).param("id", id).update();
        Optional<WebhookDelivery> delivery = find(id);
        if (updated == 0 && delivery.isPresent()) {
            throw new AttemptInFlight(id);
        }
        return delivery;
    }

    /** A replay asked for while an attempt of the delivery is being made. */
    public static final class AttemptInFlight extends StateConflictException {
        AttemptInFlight(long id) {
            super("Delivery " + id + " is being sent now; replay it once this attempt has ended.");
        }
    }

    private static WebhookDelivery map(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getString("call_sid"), (Long) rs.getObject("campaign_id"), rs.getString("url"), rs.getString("state"),
                rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("give_up_at", OffsetDateTime.class), (Integer) rs.getObject("last_status"),
                rs.getString("last_error"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("delivered_at", OffsetDateTime.class));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
