package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DataSourceBuilder;
import dev.vaani.testing.VaaniIntegrationTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Runs the migrations on a brand-new database of the shared embedded server, then round-trips every table. */

class MigrationsTest extends VaaniIntegrationTest {

    @Autowired
    JdbcTemplate shared;

    @Autowired
    org.springframework.boot.jdbc.autoconfigure.DataSourceProperties properties;

    private String database;
    private JdbcTemplate fresh;

    @BeforeEach
    void createEmptyDatabase() {
        database = "migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        shared.execute("CREATE DATABASE " + database);
        String url = properties.getUrl().replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
        DataSource dataSource = DataSourceBuilder.create().url(url).username(properties.getUsername())
                .password(properties.getPassword()).build();
        Flyway.configure().dataSource(dataSource).load().migrate();
        fresh = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ((AutoCloseable) fresh.getDataSource()).close();
        shared.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void createsEveryTable() {
        assertThat(fresh.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
                String.class)).contains("leads", "campaigns", "call_sessions", "scheduled_calls", "unmatched_call_events");
    }

    @Test
    void leadsRoundTripAndPhonesAreUniquePerCompany() {
        long id = insertLead("+919876543210");

        Map<String, Object> lead = fresh.queryForMap("SELECT * FROM leads WHERE id = ?", id);
        assertThat(lead).containsEntry("name", "Priya Sharma").containsEntry("phone", "+919876543210")
                .containsEntry("time_zone", "Asia/Kolkata").containsEntry("do_not_call", false);
        assertThatThrownBy(() -> insertLead("+919876543210")).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void leadPhonesMustBeE164() {
        assertThatThrownBy(() -> insertLead("09876543210")).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void campaignsRoundTripWithTheirScriptAndCallingWindow() {
        long id = insertCampaign();

        Map<String, Object> campaign = fresh.queryForMap(
                "SELECT name, script->>'agentName' AS agent, calling_window_start::text AS opens, time_zone, status FROM campaigns WHERE id = ?", id);
        assertThat(campaign).containsEntry("name", "Whitefield launch").containsEntry("agent", "Riya")
                .containsEntry("opens", "09:00:00").containsEntry("time_zone", "Asia/Kolkata").containsEntry("status", "draft");
    }

    @Test
    void callSessionsRoundTripTranscriptAndCollectedData() {
        long lead = insertLead("+919812345678");
        fresh.update("""
                INSERT INTO call_sessions (call_sid, lead_id, status, transcript, collected_data, conversation_stage, final_outcome)
                VALUES ('abc123', ?, 'in-progress', '[{"speaker":"ai","text":"Hi","timestamp":"2026-01-24T10:00:00Z"}]'::jsonb,
                        '{"property_type":"apartment"}'::jsonb, 'QUALIFICATION', 'qualified')""", lead);

        Map<String, Object> call = fresh.queryForMap(
                "SELECT transcript->0->>'speaker' AS speaker, collected_data->>'property_type' AS type, final_outcome FROM call_sessions WHERE call_sid = 'abc123'");
        assertThat(call).containsEntry("speaker", "ai").containsEntry("type", "apartment").containsEntry("final_outcome", "qualified");
        assertThatThrownBy(() -> fresh.update("INSERT INTO call_sessions (call_sid, status) VALUES ('abc123', 'ringing')"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> fresh.update("INSERT INTO call_sessions (call_sid, status) VALUES ('x', 'exploded')"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void scheduledCallsRoundTripAndAllowOneRowPerAttempt() {
        long lead = insertLead("+919811111111");
        long campaign = insertCampaign();
        fresh.update("INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, attempt) VALUES (?, ?, now(), 1)", lead, campaign);

        assertThat(fresh.queryForObject("SELECT state FROM scheduled_calls WHERE lead_id = ?", String.class, lead)).isEqualTo("pending");
        assertThatThrownBy(() -> fresh.update(
                "INSERT INTO scheduled_calls (lead_id, campaign_id, due_at, attempt) VALUES (?, ?, now(), 1)", lead, campaign))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private long insertLead(String phone) {
        return fresh.queryForObject("INSERT INTO leads (name, phone, source) VALUES ('Priya Sharma', ?, 'csv') RETURNING id",
                Long.class, phone);
    }

    private long insertCampaign() {
        return fresh.queryForObject(
                "INSERT INTO campaigns (name, script) VALUES ('Whitefield launch', '{\"agentName\":\"Riya\"}'::jsonb) RETURNING id",
                Long.class);
    }
}
