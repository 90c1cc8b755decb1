package dev.vaani.crm;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.phone.PhoneNumbers;
import dev.vaani.platform.admin.FieldProblems;
import dev.vaani.platform.admin.InvalidFieldException;
import jakarta.validation.Validator;
import dev.vaani.platform.admin.StateConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Leads in PostgreSQL. Phones are E.164 and unique per company. */
@Repository
public class Leads {

    static final String COLUMNS = "id, name, phone, email, property_type, location, budget, source, status, do_not_call, "
            + "time_zone, last_outcome, created_at, collected_data::text AS collected_data, erased_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Suppressions suppressions;
    private final Validator validator;
    private final ApplicationEventPublisher events;

    public Leads(JdbcClient jdbc, JsonMapper json, Suppressions suppressions, ApplicationEventPublisher events,
                 Validator validator) {
        this.validator = validator;
        this.jdbc = jdbc;
        this.json = json;
        this.suppressions = suppressions;
        this.events = events;
    }

    /** A row of {@link #COLUMNS}; collected data that is not a JSON object (never written so) reads as none. */
    private Lead lead(ResultSet row, int index) throws SQLException {
        Map<String, Object> collected;
        try {
            collected = json.readValue(row.getString("collected_data"), new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException | IllegalArgumentException e) {
            collected = Map.of();
        }
        return new Lead(row.getLong("id"), row.getString("name"), row.getString("phone"), row.getString("email"),
                row.getString("property_type"), row.getString("location"), row.getString("budget"),
                row.getString("source"), row.getString("status"), row.getBoolean("do_not_call"),
                row.getString("time_zone"), row.getString("last_outcome"),
                row.getObject("created_at", OffsetDateTime.class), collected,
                row.getObject("erased_at", OffsetDateTime.class));
    }

    public Optional<Lead> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM leads WHERE id = ?").param(id).query(this::lead).optional();
    }

    public List<Lead> list(int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM leads ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(size, (long) page * size).query(this::lead).list();
    }

    /**
     * Leads matching a search (part of the name, email or phone digits), optionally only those with a status or on
     * do-not-call; newest first.
     */
    public List<Lead> search(String text, String status, Boolean doNotCall, int page, int size) {
        String query = text == null || text.isBlank() ? null : text.strip();
        // numbers are stored in E.164: "09876 543210" (a trunk 0) or "0091…" finds +919876543210
        String digits = query == null ? "" : query.replaceAll("\\D", "").replaceFirst("^0+", "");
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM leads
                WHERE (CAST(:q AS text) IS NULL OR name ILIKE '%' || :q || '%' OR email ILIKE '%' || :q || '%'
                       OR (:digits <> '' AND phone LIKE '%' || :digits || '%'))
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:dnc AS boolean) IS NULL OR do_not_call = :dnc)
                ORDER BY id DESC LIMIT :size OFFSET :offset""")
                .param("q", query == null ? null : query.replace("%", "\\%").replace("_", "\\_"))
                .param("digits", digits).param("status", status == null || status.isBlank() ? null : status)
                .param("dnc", doNotCall).param("size", size).param("offset", (long) page * size)
                .query(this::lead).list();
    }

    /** The statuses leads have now, for filters. */
    public List<String> statuses() {
        return jdbc.sql("SELECT DISTINCT status FROM leads WHERE status IS NOT NULL ORDER BY status").query(String.class).list();
    }

    /**
     * Turns do-not-call on or off; the dialer skips a lead on do-not-call. Returns false for an unknown lead.
     *
     * @throws ErasedLeadException for an erased lead, which stays on do-not-call for good
     */
    @Transactional
    public boolean setDoNotCall(long id, boolean doNotCall) {
        if (jdbc.sql("UPDATE leads SET do_not_call = ?, updated_at = now() WHERE id = ? AND erased_at IS NULL")
                .params(doNotCall, id).update() > 0) {
            if (doNotCall) {
                withdrawQueuedCalls(id);
            }
            return true;
        }
        refuseIfErased(id);
        return false;
    }

    /**
     * A lead put on do-not-call has its queued calls (retries, call backs) cancelled now, not only skipped when due:
     * nothing then promises them a call, the lead reads what its last call left, and a campaign waiting only for it
     * completes. Turning do-not-call off queues nothing again: a campaign's start does.
     */
    private void withdrawQueuedCalls(long id) {
        List<Long> campaigns = new QueuedLeads(jdbc).withdrawIfDoNotCall(id);
        if (!campaigns.isEmpty()) {
            events.publishEvent(new LeadWithdrawn(id, campaigns));
        }
    }

    /** What the calls so far collected about the lead (JSON object). */
    public String collectedData(long id) {
        return jdbc.sql("SELECT collected_data::text FROM leads WHERE id = ?").param(id).query(String.class)
                .optional().orElse("{}");
    }

    public Optional<Lead> findByPhone(String e164) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM leads WHERE company = 'default' AND phone = ?").param(e164)
                .query(this::lead).optional();
    }

    @Transactional
    public Lead create(LeadRequest request) {
        suppressions.awaitErasures();
        Checked checked = checked(request);
        String phone = checked.phone();
        if (findByPhone(phone).isPresent()) {
            throw new DuplicateLeadException(phone);
        }
        long id = jdbc.sql("""
                INSERT INTO leads (name, phone, email, property_type, location, budget, source, do_not_call, time_zone)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(request.name(), phone, request.email(), request.propertyType(),
                        PlaceNames.canonical(request.location()),
                        request.budget(), request.source(), Boolean.TRUE.equals(request.doNotCall()), checked.zone())
                .query(Long.class).single();
        return find(id).orElseThrow();
    }

    /** @throws ErasedLeadException for an erased lead: nothing personal is written onto a tombstone */
    @Transactional
    public Optional<Lead> replace(long id, LeadRequest request) {
        suppressions.awaitErasures();
        refuseIfErased(id);
        Checked checked = checked(request);
        String phone = checked.phone();
        findByPhone(phone).filter(other -> other.id() != id).ifPresent(other -> {
            throw new DuplicateLeadException(phone);
        });
        int updated = jdbc.sql("""
                UPDATE leads SET name = ?, phone = ?, email = ?, property_type = ?, location = ?, budget = ?, source = ?,
                  do_not_call = COALESCE(?, do_not_call), time_zone = ?, updated_at = now()
                WHERE id = ? AND erased_at IS NULL""")
                // a body without doNotCall keeps it: an update of the name must not call someone who opted out again
                .params(request.name(), phone, request.email(), request.propertyType(),
                        PlaceNames.canonical(request.location()),
                        request.budget(), request.source(), request.doNotCall(),
                        checked.zone(), id)
                .update();
        if (updated > 0 && Boolean.TRUE.equals(request.doNotCall())) {
            withdrawQueuedCalls(id);
        }
        return updated == 0 ? Optional.empty() : find(id);
    }

    /** A delete refused because it would lose calls (409); the message says what to do instead. */
    public static class CannotDeleteException extends StateConflictException {
        CannotDeleteException(String message) {
            super(message);
        }
    }

    /**
     * Deletes a lead that has no call and none being placed. A lead's calls lose it (call_sessions.lead_id is SET
     * NULL) and its attempts go with it, so they would drop out of every campaign's results and progress, and a
     * "don't call me again" would be forgotten with it: a lead with calls stays as their record, as a campaign does.
     *
     * @return false when there is no such lead
     * @throws CannotDeleteException when it has calls or one is being placed
     */
    @Transactional
    public boolean delete(long id) {
        // the dialer's per-lead claim lock (campaign.Dialer): an attempt it marks 'dialing' is seen here, not lost
        jdbc.sql("SELECT pg_advisory_xact_lock(7412, CAST(? AS integer))").param(id).query().listOfRows();
        int calls = jdbc.sql("""
                SELECT (SELECT count(*) FROM call_sessions WHERE lead_id = :id)
                     + (SELECT count(*) FROM scheduled_calls WHERE lead_id = :id AND state IN ('dialing', 'placed', 'unknown'))""")
                .param("id", id).query(Integer.class).single();
        if (calls > 0) {
            if (find(id).isEmpty()) {
                return false;
            }
            throw new CannotDeleteException("lead " + id + " has " + calls + " call(s), which campaign results and "
                    + "progress report; a lead with calls is kept as their record (set doNotCall to stop calling them, or "
                    + "POST /api/leads/" + id + "/erase to erase their personal data at their request)");
        }
        List<Long> campaigns = jdbc.sql("SELECT campaign_id FROM campaign_leads WHERE lead_id = ?").param(id)
                .query(Long.class).list();
        if (jdbc.sql("DELETE FROM leads WHERE id = ?").param(id).update() == 0) {
            return false;
        }
        if (!campaigns.isEmpty()) {
            events.publishEvent(new LeadWithdrawn(id, campaigns)); // it may have been the last one a campaign waited for
        }
        return true;
    }

    private record Checked(String phone, String zone) {
    }

    /** The request's phone and zone as stored; every field at fault named in one {@link InvalidFieldException}. */
    private Checked checked(LeadRequest request) {
        FieldProblems problems = new FieldProblems(validator.validate(request));
        String phone = problems.has("phone") ? null : problems.check(() -> callablePhone(request.phone()), null);
        String zone = problems.check(() -> zone(request.timeZone()), null);
        problems.throwIfAny();
        return new Checked(phone, zone);
    }

    /** The phone in E.164, refused as a field error when it belongs to an erased lead (the number is not repeated). */
    private String callablePhone(String phone) {
        String e164 = normalisedPhone(phone);
        if (suppressions.isSuppressed(e164)) {
            throw new InvalidFieldException("phone", Suppressions.REASON);
        }
        return e164;
    }

    private void refuseIfErased(long id) {
        if (jdbc.sql("SELECT erased_at IS NOT NULL FROM leads WHERE id = ?").param(id).query(Boolean.class).optional()
                .orElse(false)) {
            throw new ErasedLeadException(id);
        }
    }

    /** A change to an erased lead (409): a tombstone keeps no personal value and stays on do-not-call. */
    public static class ErasedLeadException extends StateConflictException {
        public ErasedLeadException(long id) {
            super("lead " + id + " was erased at the person's request: it holds no personal data, is never called "
                    + "again, and cannot be changed");
        }
    }

    static String normalisedPhone(String phone) {
        return switch (PhoneNumbers.parse(phone)) {
            case PhoneNumbers.Accepted(String e164) -> e164;
            case PhoneNumbers.Refused(String reason) ->
                    throw new InvalidFieldException("phone", reason + ": " + PhoneMasking.mask(phone));
        };
    }

    private static String zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return "Asia/Kolkata";
        }
        try {
            return ZoneId.of(timeZone.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidFieldException("timeZone", "unknown time zone, expected e.g. Asia/Kolkata");
        }
    }

    /** A lead with this phone exists already; answered with 409. */
    public static class DuplicateLeadException extends StateConflictException {
        public DuplicateLeadException(String phone) {
            super("A lead with phone " + PhoneMasking.mask(phone) + " exists already");
        }
    }
}
