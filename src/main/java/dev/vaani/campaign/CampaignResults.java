package dev.vaani.campaign;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** results.csv: one line per lead of the campaign with its latest call. */
@Component
public class CampaignResults {

    private static final String[] HEADER = {"lead_id", "name", "phone", "lead_status", "attempts", "call_sid", "call_status",
            "outcome", "duration_seconds", "answered_at", "recording_url", "collected_data", "summary"};

    private final JdbcClient jdbc;

    CampaignResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String csv(long campaignId) {
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        jdbc.sql("""
                SELECT l.id AS lead_id, l.name, l.phone, l.status AS lead_status,
                       (SELECT count(*) FROM scheduled_calls s WHERE s.campaign_id = cl.campaign_id AND s.lead_id = l.id) AS attempts,
                       c.call_sid, c.status AS call_status, c.final_outcome AS outcome, c.duration_seconds, c.answered_at,
                       c.recording_url, c.collected_data::text AS collected_data, c.summary
                FROM campaign_leads cl JOIN leads l ON l.id = cl.lead_id
                LEFT JOIN LATERAL (SELECT * FROM call_sessions cs WHERE cs.campaign_id = cl.campaign_id AND cs.lead_id = l.id
                                   ORDER BY cs.created_at DESC LIMIT 1) c ON TRUE
                WHERE cl.campaign_id = ? ORDER BY l.id""").param(campaignId).query(rs -> {
            for (int i = 0; i < HEADER.length; i++) {
                Object value = rs.getObject(HEADER[i]);
                out.append(i == 0 ? "" : ",").append(quote(value == null ? "" : value.toString()));
            }
            out.append("\r\n");
        });
        return out.toString();
    }

    /** RFC 4180 quoting, and a leading quote on formula-like cells so spreadsheets do not execute them. */
    private static String quote(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("[+-]\\d+") ? "'" + value : value;
        return safe.matches(".*[\",\r\n].*") || !safe.equals(value) ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
