package dev.vaani.campaign;

import dev.vaani.conversation.qualification.CollectedAnswers;
import dev.vaani.crm.CsvCells;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * results.csv: one record per lead of the campaign with its latest call, written by Commons CSV (quoted where
 * needed, line breaks inside a quoted cell) with every formula-like cell neutralised. Everything in a record is this
 * campaign's: a lead may belong to several campaigns, so its status here comes from this campaign's calls, not from
 * the lead's CRM status that every campaign moves, and attempts counts only the calls this campaign tried. A call a
 * stop cancelled after the lead was called (their retry or call back) leaves the status their call left: "cancelled"
 * is for a lead the stop kept from being called at all.
 */
@Component
public class CampaignResults {

    // property_type, location and budget are the lead's own (the broker's import; a call fills only empty ones);
    // collected_data is what the lead said on the call, as stored (JSON, for a CRM), and answers the same in words
    // (for a broker's spreadsheet), last so that the columns before it keep their places
    private static final String[] HEADER = {"lead_id", "name", "phone", "property_type", "location", "budget",
            "lead_status", "attempts", "call_sid", "call_status", "outcome", "duration_seconds", "answered_at",
            "recording_url", "collected_data", "summary", "answers"};
    private static final int ANSWERS = HEADER.length - 1;

    /** Excel takes a file without it for the local code page and garbles Devanagari names. */
    private static final String BOM = "\uFEFF";

    /** Leads read by one query: a page is held in memory while it is written, never the whole file. */
    static final int ROWS_PER_PAGE = 500;

    /** One page: this campaign's leads after lead {@code :after}, in lead order, each with its latest call. */
    private static final String PAGE = """
            SELECT l.id AS lead_id, l.name, l.phone, l.property_type, l.location, l.budget,
                   CASE WHEN l.erased_at IS NOT NULL THEN 'erased' -- crm.LeadErasure: no personal cell is left
                        WHEN l.do_not_call AND (s.state IS NULL OR s.state IN ('pending', 'cancelled')
                                                OR c.do_not_call_requested) THEN 'do-not-call'
                        WHEN p.state IS NULL THEN 'new'
                        WHEN p.state = 'pending' THEN 'queued'
                        WHEN p.state IN ('dialing', 'placed', 'unknown') THEN 'calling'
                        WHEN p.state = 'cancelled' THEN 'cancelled'
                        WHEN p.state = 'failed' THEN 'unreachable'
                        WHEN c.final_outcome = 'qualified' THEN 'qualified'
                        ELSE 'done' END AS lead_status,
                   (SELECT count(*) FROM scheduled_calls a WHERE a.campaign_id = cl.campaign_id AND a.lead_id = l.id
                      AND a.state NOT IN ('pending', 'cancelled')) AS attempts,
                   c.call_sid, c.status AS call_status, c.final_outcome AS outcome, c.duration_seconds, c.answered_at,
                   c.recording_url, c.collected_data::text AS collected_data, c.summary
            FROM campaign_leads cl JOIN leads l ON l.id = cl.lead_id
            LEFT JOIN LATERAL (SELECT state FROM scheduled_calls sc WHERE sc.campaign_id = cl.campaign_id
                               AND sc.lead_id = l.id ORDER BY sc.attempt DESC LIMIT 1) s ON TRUE
            LEFT JOIN LATERAL (SELECT state FROM scheduled_calls sc WHERE sc.campaign_id = cl.campaign_id
                               AND sc.lead_id = l.id ORDER BY %s LIMIT 1) p ON TRUE
            LEFT JOIN LATERAL (SELECT * FROM call_sessions cs WHERE cs.campaign_id = cl.campaign_id AND cs.lead_id = l.id
                               ORDER BY cs.created_at DESC LIMIT 1) c ON TRUE
            WHERE cl.campaign_id = :campaign AND cl.lead_id > :after ORDER BY cl.lead_id LIMIT :limit"""
            .formatted(CampaignRunner.WHAT_THE_LEAD_HAD);

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CampaignResults(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The whole file as text (tests, small campaigns); {@link #write} streams it. */
    public String csv(long campaignId) {
        StringWriter out = new StringWriter();
        write(campaignId, out);
        return out.toString();
    }

    /**
     * Writes results.csv to {@code out} a page of leads at a time, so a campaign of any size is exported with the
     * memory of a few hundred rows and the download starts at once.
     * <p>
     * Each page is one short query whose connection goes back to the pool before the page is written: a CRM reading
     * the file slowly (a slow link, a paused download) waits on its own socket, not holding one of the few pooled
     * connections that live calls, the dialer and the API need. A single streamed query held its connection for the
     * whole download; a few slow downloads emptied the pool, and calls then started without their lead and API
     * requests answered 503. Pages follow the lead id, so the listing stays consistent while calls go on: every lead
     * the campaign has throughout the download is listed once, in lead order; each row is as it was when its page
     * was read.
     */
    public void write(long campaignId, Writer out) {
        // the console shows a campaign's times in its zone; a file read beside it should not be hours off
        ZoneId zone = jdbc.sql("SELECT time_zone FROM campaigns WHERE id = ?").param(campaignId).query(String.class)
                .optional().map(ZoneId::of).orElse(ZoneOffset.UTC); // no campaign: no rows, no times
        try {
            out.write(BOM);
            CSVPrinter printer = new CSVPrinter(out, CsvCells.FORMAT); // not closed: out is the caller's
            printer.printRecord((Object[]) HEADER);
            long after = Long.MIN_VALUE;
            List<Row> page;
            do {
                page = page(campaignId, after, zone);
                for (Row row : page) {
                    printer.printRecord((Object[]) row.cells());
                }
                printer.flush(); // the page goes to the reader while the next one is read
                after = page.isEmpty() ? after : page.getLast().leadId();
            } while (page.size() == ROWS_PER_PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away mid-download
        }
    }

    /** A lead's record, its cells as they are written. */
    private record Row(long leadId, String[] cells) {
    }

    private List<Row> page(long campaignId, long after, ZoneId zone) {
        return jdbc.sql(PAGE).param("campaign", campaignId).param("after", after).param("limit", ROWS_PER_PAGE)
                .query((rs, index) -> {
                    String[] cells = new String[HEADER.length];
                    for (int i = 0; i < ANSWERS; i++) {
                        cells[i] = CsvCells.neutralise(text(rs.getObject(HEADER[i]), zone));
                    }
                    cells[ANSWERS] = CsvCells.neutralise(answers(rs.getString("collected_data")));
                    return new Row(rs.getLong("lead_id"), cells);
                }).list();
    }

    /** "Property type: apartment; Bedrooms: 2 BHK; Budget: ₹45–55 lakh", as the console shows a call's answers. */
    private String answers(String collectedJson) {
        if (collectedJson == null) {
            return "";
        }
        Map<String, Object> collected;
        try {
            collected = json.readValue(collectedJson, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            return ""; // never written so: collected_data keeps what is there
        }
        StringJoiner answers = new StringJoiner("; ");
        CollectedAnswers.shown(collected).forEach((label, value) -> answers.add(label + ": " + value));
        return answers.toString();
    }

    /**
     * Times as ISO-8601 to the second with the offset of the campaign's zone (2026-12-05T05:05:01+05:30), the API's
     * instants: a time PostgreSQL stamped itself has microseconds, which one column must not mix with whole seconds.
     */
    private static String text(Object value, ZoneId zone) {
        return switch (value) {
            case null -> "";
            case Timestamp t -> inZone(t.toInstant(), zone);
            case OffsetDateTime t -> inZone(t.toInstant(), zone);
            default -> value.toString();
        };
    }

    private static String inZone(java.time.Instant instant, ZoneId zone) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(zone)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
