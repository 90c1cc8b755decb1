package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Migrations that change data already stored: a brand-new database of the shared embedded server is migrated to the
 * version before, given the rows an older Vaani left, then migrated to the end.
 */
class DataMigrationsTest extends VaaniIntegrationTest {

    @Autowired
    JdbcTemplate shared;

    @Autowired
    org.springframework.boot.jdbc.autoconfigure.DataSourceProperties properties;

    private String database;
    private DataSource dataSource;
    private JdbcTemplate fresh;

    @BeforeEach
    void createEmptyDatabase() {
        database = "data_migrations_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        shared.execute("CREATE DATABASE " + database);
        String url = properties.getUrl().replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
        dataSource = DataSourceBuilder.create().url(url).username(properties.getUsername())
                .password(properties.getPassword()).build();
        fresh = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        ((AutoCloseable) dataSource).close();
        shared.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void migrateTo(String version) {
        Flyway.configure().dataSource(dataSource).target(version).load().migrate();
    }

    private void migrateToTheEnd() {
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    @Test
    void numbersInCallbacksKeptBeforeAreMaskedAndTheRestIsKept() {
        migrateTo("9");
        fresh.update("""
                INSERT INTO unmatched_call_events (call_sid, payload) VALUES ('sid1', '{"raw": {"From": "09876543210",
                  "To": "+919812345678", "DialWhomNumber": "+91 98123 45679", "DateUpdated": "2026-12-06 12:00:00",
                  "Status": "completed"}, "update": {"callSid": "sid1", "status": "completed"}}'::jsonb),
                  ('sid2', '{"raw": {}, "update": {"callSid": "sid2", "status": "busy"}}'::jsonb),
                  ('sid3', '{"raw": {"source": "call-details"}, "update": {"callSid": "sid3", "status": "failed"}}'::jsonb)""");

        migrateToTheEnd();

        assertThat(fresh.queryForObject("SELECT payload->'raw' FROM unmatched_call_events WHERE call_sid = 'sid1'",
                String.class)).isEqualTo("{\"To\": \"+91XXXXXX5678\", \"From\": \"XXXXXXX3210\", \"Status\": \"completed\", "
                + "\"DateUpdated\": \"2026-12-06 12:00:00\", \"DialWhomNumber\": \"+91XXXXXX5679\"}");
        assertThat(fresh.queryForList("SELECT payload::text FROM unmatched_call_events WHERE call_sid <> 'sid1' "
                + "ORDER BY call_sid", String.class)).containsExactly(
                "{\"raw\": {}, \"update\": {\"status\": \"busy\", \"callSid\": \"sid2\"}}",
                "{\"raw\": {\"source\": \"call-details\"}, \"update\": {\"status\": \"failed\", \"callSid\": \"sid3\"}}");
    }

    @Test
    void campaignsWhoseNamesDifferedOnlyInCapitalsGetANumberTheOldestKeepsItsName() {
        migrateTo("9");
        fresh.update("""
                INSERT INTO campaigns (name, created_at) VALUES ('Powai Launch', now() - interval '3 days'),
                  ('powai launch', now() - interval '2 days'), ('POWAI LAUNCH', now() - interval '1 day'),
                  ('Powai Launch (2)', now() - interval '4 days'), ('Andheri', now())""");

        migrateToTheEnd();

        assertThat(fresh.queryForList("SELECT name FROM campaigns ORDER BY id", String.class)).containsExactly(
                "Powai Launch", "powai launch (3)", "POWAI LAUNCH (4)", "Powai Launch (2)", "Andheri");
    }

    @Test
    void queuedCallsStoredBeforeKnowWhatTheirLeadReadsOnceCancelledAndABookedCallBackIsACallBack() {
        migrateTo("18");
        fresh.update("INSERT INTO campaigns (id, name) VALUES (1, 'Powai')");
        fresh.update("""
                INSERT INTO leads (id, phone, status) VALUES (1, '+919800000001', 'queued'), (2, '+919800000002', 'queued'),
                  (3, '+919800000003', 'new'), (4, '+919800000004', 'queued')""");
        fresh.update("""
                INSERT INTO call_sessions (call_sid, lead_id, campaign_id, status, final_outcome) VALUES
                  ('unanswered', 1, 1, 'no-answer', NULL), ('promised', 2, 1, 'completed', 'callback'),
                  ('busy', 4, 1, 'busy', NULL)""");
        fresh.update("INSERT INTO call_sessions (call_sid, direction, status) VALUES ('inbound', 'inbound', 'completed')");
        fresh.update("""
                INSERT INTO scheduled_calls (id, lead_id, campaign_id, due_at, attempt, kind, state, call_sid) VALUES
                  (1, 1, 1, now(), 1, 'first', 'failed', 'unanswered'), (2, 1, 1, now(), 2, 'retry', 'pending', NULL),
                  (3, 2, 1, now(), 1, 'first', 'completed', 'promised'), (4, 2, 1, now(), 2, 'retry', 'pending', NULL),
                  (5, 3, 1, now(), 1, 'first', 'pending', NULL),
                  (6, 4, 1, now(), 1, 'first', 'failed', 'busy')""");
        fresh.update("""
                INSERT INTO scheduled_calls (id, lead_id, campaign_id, due_at, attempt, kind, state, last_error)
                VALUES (7, 4, 1, now(), 2, 'retry', 'cancelled', 'campaign stopped')""");
        fresh.update("UPDATE call_sessions SET call_back_booked_as = 5 WHERE call_sid = 'inbound'");

        migrateToTheEnd();

        assertThat(fresh.queryForList("SELECT id || ' ' || kind || ' ' || COALESCE(lead_status_if_cancelled, '-') "
                + "FROM scheduled_calls ORDER BY id", String.class)).containsExactly("1 first -",
                "2 retry unreachable", "3 first -", "4 retry done", "5 callback -", "6 first -", "7 retry unreachable");
        assertThat(fresh.queryForList("SELECT id || ' ' || status FROM leads ORDER BY id", String.class))
                .as("a stop left lead 4 queued for nothing").containsExactly("1 queued", "2 queued", "3 new", "4 unreachable");
        assertThat(fresh.queryForObject("SELECT call_back_moved FROM call_sessions WHERE call_sid = 'inbound'",
                Boolean.class)).isTrue();
    }

    @Test
    void afterwardsANameThatDiffersOnlyInCapitalsIsRefused() {
        migrateToTheEnd();
        fresh.update("INSERT INTO campaigns (name) VALUES ('Powai Launch')");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> fresh.update("INSERT INTO campaigns (name) VALUES ('powai LAUNCH')"))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("campaigns_name_per_company");
    }
}
