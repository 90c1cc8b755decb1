package dev.vaani.campaign;

import tools.jackson.core.JacksonException;
import dev.vaani.conversation.Language;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.crm.LeadsAttached;
import dev.vaani.platform.admin.ConflictingFieldException;
import dev.vaani.platform.admin.FieldProblems;
import dev.vaani.platform.admin.InvalidFieldException;
import jakarta.validation.Validator;
import dev.vaani.platform.admin.StateConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Campaigns in PostgreSQL; the script is JSON in campaigns.script. */
@Repository
public class Campaigns {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final int maxLiveCalls;
    private final int accountLines;
    private final Validator validator;

    public Campaigns(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events,
                     @Value("${vaani.call.max-live-calls}") int maxLiveCalls,
                     @Value("${vaani.exotel.max-concurrent-calls}") int accountLines, Validator validator) {
        this.validator = validator;
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.maxLiveCalls = maxLiveCalls;
        this.accountLines = accountLines;
    }

    public Optional<Campaign> find(long id) {
        return jdbc.sql("SELECT * FROM campaigns WHERE id = ?").param(id).query(this::map).optional();
    }

    public List<Campaign> list() {
        return jdbc.sql("SELECT * FROM campaigns ORDER BY id DESC").query(this::map).list();
    }

    /** @throws ConflictingFieldException when another campaign has the name */
    public Campaign create(CampaignRequest r) {
        long id = uniqueName(() -> jdbc.sql("""
                INSERT INTO campaigns (name, language, script, qualification_fields, calling_window_start, calling_window_end,
                  time_zone, max_concurrent_calls, retry_max_attempts, retry_interval_minutes, record_calls)
                VALUES (:name, :language, CAST(:script AS jsonb), CAST(:fields AS jsonb), :start, :end, :zone, :concurrent,
                  :attempts, :interval, :record) RETURNING id""")
                .params(params(r)).query(Long.class).single());
        return find(id).orElseThrow();
    }

    /** @throws ConflictingFieldException when another campaign has the name */
    public Optional<Campaign> replace(long id, CampaignRequest r) {
        var p = params(r);
        p.put("id", id);
        int updated = uniqueName(() -> jdbc.sql("""
                UPDATE campaigns SET name = :name, language = :language, script = CAST(:script AS jsonb),
                  qualification_fields = CAST(:fields AS jsonb), calling_window_start = :start, calling_window_end = :end,
                  time_zone = :zone, max_concurrent_calls = :concurrent, retry_max_attempts = :attempts,
                  retry_interval_minutes = :interval, record_calls = :record, updated_at = now() WHERE id = :id""")
                .params(p).update());
        if (updated == 0) {
            return Optional.empty();
        }
        events.publishEvent(new CampaignEdited(id)); // its queued calls follow a changed window
        return find(id);
    }

    /**
     * The database's unique name per company, ignoring case, is the check (two forms saved at once cannot both pass
     * it): "powai launch" is taken when "Powai Launch" exists.
     */
    private static <T> T uniqueName(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            if (String.valueOf(e.getMessage()).contains("campaigns_name_per_company")) {
                throw new ConflictingFieldException("name",
                        "A campaign with this name already exists (names that differ only in capitals are the same)");
            }
            throw e;
        }
    }

    /** A delete refused because it would lose calls (409); the message says what to do instead. */
    public static class CannotDeleteException extends StateConflictException {
        CannotDeleteException(String message) {
            super(message);
        }
    }

    /**
     * Deletes a campaign that has placed no call and is not running. A running one would have its queued calls
     * dropped mid-campaign, and any call made would lose its campaign (call_sessions.campaign_id is SET NULL) and so
     * drop out of every results file: a campaign with calls stays, stopped, as their record.
     *
     * @return false when there is no such campaign
     * @throws CannotDeleteException when it is active or paused, or has calls
     */
    public boolean delete(long id) {
        int deleted = jdbc.sql("""
                DELETE FROM campaigns c WHERE id = ? AND status NOT IN ('active', 'paused')
                  AND NOT EXISTS (SELECT 1 FROM call_sessions s WHERE s.campaign_id = c.id)""").param(id).update();
        if (deleted > 0) {
            return true;
        }
        Optional<Campaign> campaign = find(id);
        if (campaign.isEmpty()) {
            return false;
        }
        String status = campaign.get().status();
        if (status.equals("active") || status.equals("paused")) {
            throw new CannotDeleteException("campaign " + id + " is " + status + ": stop it first (POST /api/campaigns/"
                    + id + "/stop); a stopped campaign with no calls can then be deleted");
        }
        int calls = jdbc.sql("SELECT count(*) FROM call_sessions WHERE campaign_id = ?").param(id).query(Integer.class).single();
        throw new CannotDeleteException("campaign " + id + " has " + calls + " call(s), which its results.csv and progress "
                + "report; a campaign with calls is kept as their record (stop it to end its calling)");
    }

    /**
     * Marks an active campaign completed once it has nothing left to do: no lead waits for a first attempt and none
     * of its calls is queued (a retry or callback due later included), being placed or in progress.
     */
    boolean completeIfDone(long id) {
        return jdbc.sql("""
                UPDATE campaigns c SET status = 'completed', updated_at = now() WHERE id = :id AND status = 'active'
                  AND NOT EXISTS (SELECT 1 FROM scheduled_calls s WHERE s.campaign_id = c.id
                                  AND s.state IN ('pending', 'dialing', 'placed', 'unknown'))
                  AND NOT EXISTS (SELECT 1 FROM campaign_leads cl JOIN leads l ON l.id = cl.lead_id
                                  WHERE cl.campaign_id = c.id AND NOT l.do_not_call
                                    AND NOT EXISTS (SELECT 1 FROM scheduled_calls s WHERE s.campaign_id = c.id
                                                    AND s.lead_id = cl.lead_id))""").param("id", id).update() > 0;
    }

    /** A completed campaign given new work (leads added, a call queued as it completed) is running again. */
    boolean reopen(long id) {
        return jdbc.sql("UPDATE campaigns SET status = 'active', updated_at = now() WHERE id = ? AND status = 'completed'")
                .param(id).update() > 0;
    }

    /** An operator's start, pause or stop: the dialer's own reason for a pause no longer holds. */
    boolean setStatus(long id, String status) {
        return jdbc.sql("UPDATE campaigns SET status = ?, paused_reason = NULL, updated_at = now() WHERE id = ?").params(status, id).update() > 0;
    }

    /**
     * Attaches existing leads; unknown ids are ignored. Returns how many were newly attached. A running campaign
     * queues them ({@link LeadsAttached}).
     */
    @Transactional
    public int attach(long campaignId, List<Long> leadIds) {
        int added = 0;
        for (Long leadId : leadIds) {
            added += jdbc.sql("""
                    INSERT INTO campaign_leads (campaign_id, lead_id) SELECT ?, id FROM leads WHERE id = ?
                    ON CONFLICT DO NOTHING""").params(campaignId, leadId).update();
        }
        if (added > 0) {
            events.publishEvent(new LeadsAttached(campaignId));
        }
        return added;
    }

    /**
     * The row's values; every field at fault named in one {@link InvalidFieldException}, bean validation's included
     * (here, not only in the API: the console's form comes this way too).
     */
    private java.util.Map<String, Object> params(CampaignRequest r) {
        FieldProblems problems = new FieldProblems(validator.validate(r));
        boolean askable = problems.check(() -> {
            r.refuseUnaskableQuestions();
            return true;
        }, false);
        if (askable) { // a null question would fail the checks below: the rest of the request is checked without it
            problems.check(() -> ScriptLimits.refuseOverlong(r.script()));
        }
        CampaignScript written = askable && r.script() != null ? r.script() : CampaignScript.defaultRealEstate();
        String language = r.language() != null ? r.language() : Language.orEnglish(written.language()).code();
        CampaignScript given = withDefaults(written, language);
        // qualificationFields chooses which of the script's fields the agent asks for, and in what order
        CampaignScript script = problems.check(() -> askingOnly(given, r.qualificationFields()), given);
        List<String> fields = script.qualificationFields().stream().map(CampaignScript.QualificationField::key).toList();
        String zone = r.timeZone() == null || r.timeZone().isBlank() ? "Asia/Kolkata" : r.timeZone().strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problems.add("timeZone", "unknown time zone, expected e.g. Asia/Kolkata");
        }
        LocalTime start = r.callingWindowStart() == null ? CallingWindow.EARLIEST : r.callingWindowStart();
        LocalTime end = r.callingWindowEnd() == null ? CallingWindow.LATEST : r.callingWindowEnd();
        // bean validation judged the window as given; this judges it with its defaults filled in
        CallingWindow.refusals(start, end).stream().findFirst().ifPresent(refusal -> problems.add(
                refusal.onEnd() ? "callingWindowEnd" : "callingWindowStart", refusal.message()));
        int concurrent = r.maxConcurrentCalls() == null ? 5 : r.maxConcurrentCalls();
        if (concurrent > maxLiveCalls) { // the calls beyond it would be refused by our own server when they connect
            problems.add("maxConcurrentCalls", "must be at most " + maxLiveCalls
                    + ", the live calls this server takes (MAX_LIVE_CALLS)");
        }
        if (concurrent > accountLines) { // the dialer would never place them: they would only look like a promise
            problems.add("maxConcurrentCalls", "must be at most " + accountLines
                    + ", the calls your Exotel account carries at once (EXOTEL_MAX_CONCURRENT_CALLS: your plan's)");
        }
        problems.throwIfAny();
        var p = new java.util.HashMap<String, Object>();
        p.put("name", r.name().strip());
        p.put("language", language);
        // lines left as the default (the console's form starts from the English one) are stored in the campaign's
        // language, so a Hindi campaign created with the defaults greets in Hindi; the broker's own lines stay
        p.put("script", write(script.inLanguage(language)));
        p.put("fields", write(fields));
        p.put("start", start);
        p.put("end", end);
        p.put("zone", zone);
        p.put("concurrent", concurrent);
        p.put("attempts", r.retryMaxAttempts() == null ? 3 : r.retryMaxAttempts());
        p.put("interval", r.retryIntervalMinutes() == null ? 120 : r.retryIntervalMinutes());
        p.put("record", Boolean.TRUE.equals(r.recordCalls()));
        return p;
    }

    /** The script with the parts it left out taken from the default script in the campaign's language. */
    /** The script asking only the fields named, in their order; all of them when none are named. */
    private static CampaignScript askingOnly(CampaignScript script, List<String> keys) {
        if (keys == null) {
            return script;
        }
        if (keys.isEmpty()) {
            throw new InvalidFieldException("qualificationFields", "must name at least one field to ask for");
        }
        return script.askingOnly(keys).orElseThrow(() -> new InvalidFieldException("qualificationFields",
                "each must be a field of the script: "
                        + script.qualificationFields().stream().map(CampaignScript.QualificationField::key).toList()));
    }

    private static CampaignScript withDefaults(CampaignScript script, String campaignLanguage) {
        return script.withDefaultsFrom(CampaignScript.defaultRealEstate(Language.orEnglish(campaignLanguage)));
    }

    private Campaign map(ResultSet rs, int row) throws SQLException {
        try {
            String scriptJson = rs.getString("script");
            // a campaign stored before the defaults rule (no greeting, no questions) must not make a silent call
            CampaignScript script = withDefaults(scriptJson == null ? CampaignScript.defaultRealEstate()
                    : json.readValue(scriptJson, CampaignScript.class), rs.getString("language"));
            List<String> keys = json.readValue(rs.getString("qualification_fields"), new TypeReference<List<String>>() { });
            if (keys.isEmpty()) { // stored with no questions: it asks the default's now, so it lists them
                keys = script.qualificationFields().stream().map(CampaignScript.QualificationField::key).toList();
            }
            return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("language"), script, keys,
                    rs.getObject("calling_window_start", LocalTime.class), rs.getObject("calling_window_end", LocalTime.class),
                    rs.getString("time_zone"), rs.getInt("max_concurrent_calls"), rs.getInt("retry_max_attempts"),
                    rs.getInt("retry_interval_minutes"), rs.getBoolean("record_calls"), rs.getString("status"),
                    rs.getString("paused_reason"));
        } catch (JacksonException e) {
            throw new SQLException("Unreadable campaign JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
