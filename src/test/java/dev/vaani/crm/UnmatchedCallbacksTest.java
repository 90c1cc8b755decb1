package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Status callbacks for calls Vaani does not know are kept for reconciliation (unmatched_call_events) without the
 * caller's and callee's numbers in the clear, and not for ever: 30 days by default.
 */
class UnmatchedCallbacksTest extends VaaniIntegrationTest {

    @Autowired
    UnmatchedCallbackRetention retention;

    private static String unknownSid() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aCallbackForAnUnknownCallIsKeptWithEveryNumberInItMasked() {
        String sid = unknownSid();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("CallSid", sid);
        form.add("Status", "completed");
        form.add("From", "09876543210");
        form.add("To", "+919812345678");
        form.add("DialWhomNumber", "+91 98123 45679");
        form.add("DateUpdated", "2026-12-06 12:00:00");

        anonymous().post().uri("/webhooks/exotel/call-status?secret=" + WEBHOOK_SECRET)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toBodilessEntity();

        String payload = jdbc.sql("SELECT payload::text FROM unmatched_call_events WHERE call_sid = ?").param(sid)
                .query(String.class).single();
        assertThat(payload).doesNotContain("9876543210", "9812345678", "98123 45679")
                .contains("\"From\": \"XXXXXXX3210\"", "\"To\": \"+91XXXXXX5678\"", "\"DialWhomNumber\": \"+91XXXXXX5679\"",
                        "\"DateUpdated\": \"2026-12-06 12:00:00\"");
    }

    @Test
    void keptCallbacksOlderThanThirtyDaysArePurgedAndYoungerOnesStay() {
        String old = unknownSid();
        String young = unknownSid();
        keep(old, Duration.ofDays(30).plusMinutes(1));
        keep(young, Duration.ofDays(30).minusMinutes(1));

        retention.purge();

        assertThat(jdbc.sql("SELECT call_sid FROM unmatched_call_events WHERE call_sid IN (?, ?)").params(old, young)
                .query(String.class).list()).containsExactly(young);
    }

    private void keep(String sid, Duration ago) {
        jdbc.sql("INSERT INTO unmatched_call_events (call_sid, payload, received_at) VALUES (?, '{}'::jsonb, ?)")
                .params(sid, Timestamp.from(clock.instant().minus(ago))).update();
    }
}
