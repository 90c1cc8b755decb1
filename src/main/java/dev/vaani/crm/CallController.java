package dev.vaani.crm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/calls")
@Validated
class CallController {

    private static final String COLUMNS = "call_sid, lead_id, campaign_id, direction, status, from_number, to_number, "
            + "started_at, answered_at, ended_at, duration_seconds, recording_url, final_outcome, summary, error, "
            + "collected_data::text AS collected_data, %s AS transcript, created_at";

    private final JdbcClient jdbc;

    CallController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Calls, newest first; the list leaves transcripts out (GET /api/calls/{callSid} has them). */
    @GetMapping
    List<CallView> list(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) Long leadId,
                        @RequestParam(required = false) String status, @RequestParam(required = false) String outcome,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return jdbc.sql("SELECT " + COLUMNS.formatted("NULL") + """
                 FROM call_sessions
                WHERE (CAST(:campaign AS bigint) IS NULL OR campaign_id = :campaign)
                  AND (CAST(:lead AS bigint) IS NULL OR lead_id = :lead)
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:outcome AS text) IS NULL OR final_outcome = :outcome)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
                ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset""")
                .param("campaign", campaignId).param("lead", leadId).param("status", status).param("outcome", outcome)
                .param("from", from).param("to", to).param("size", size).param("offset", (long) page * size)
                .query(CallView.class).list();
    }

    @GetMapping("/{callSid}")
    ResponseEntity<CallView> get(@PathVariable String callSid) {
        return ResponseEntity.of(jdbc.sql("SELECT " + COLUMNS.formatted("transcript::text") + " FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(CallView.class).optional());
    }
}
