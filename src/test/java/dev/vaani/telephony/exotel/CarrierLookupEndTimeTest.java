package dev.vaani.telephony.exotel;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.call.CallReconciler;
import dev.vaani.crm.CallRecords;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A placed call whose terminal status callback never came is closed by the reconciler asking Exotel's call-details
 * API; its row then has an end, the carrier's when it gives one, else the time of the lookup, and the API shows it.
 */
class CarrierLookupEndTimeTest extends VaaniIntegrationTest {

    @Autowired CallRecords callRecords;
    @Autowired CallReconciler reconciler;

    /** A call we placed that never streamed and whose callbacks were lost, last touched long enough ago to be asked. */
    private String silentPlacedCall(String details) {
        String sid = "lookup" + UUID.randomUUID().toString().replace("-", "");
        long lead = insertLead("Lost Callback", uniquePhone());
        callRecords.placed(sid, lead, null, "08012345678", "+919800000000");
        jdbc.sql("UPDATE call_sessions SET updated_at = now() - INTERVAL '11 minutes' WHERE call_sid = ?").param(sid).update();
        exotel.stubFor(get(urlPathEqualTo("/v1/Accounts/acme1/Calls/" + sid + ".json")).willReturn(okJson(
                "{\"Call\":{\"Sid\":\"" + sid + "\"," + details + "}}")));
        return sid;
    }

    private Map<String, Object> closedByTheLookup(String sid) {
        // passes until this call's turn comes (the test database keeps older runs' calls; 20 are asked a pass)
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            reconciler.reconcile();
            return "no-answer".equals(jdbc.sql("SELECT status FROM call_sessions WHERE call_sid = ?").param(sid)
                    .query(String.class).single());
        });
        return jdbc.sql("SELECT ended_at FROM call_sessions WHERE call_sid = ?").param(sid).query().singleRow();
    }

    private Instant endedAtInTheApi(String sid) {
        Map<?, ?> call = api().get().uri("/api/calls/{sid}", sid).retrieve().body(Map.class);
        return call.get("endedAt") == null ? null : OffsetDateTime.parse((String) call.get("endedAt")).toInstant();
    }

    @Test
    void withoutTheCarriersEndTimeTheCallEndsAtTheLookup() {
        Instant lookup = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pin(lookup);
        String sid = silentPlacedCall("\"Status\":\"no-answer\",\"EndTime\":null");

        Map<String, Object> row = closedByTheLookup(sid);

        assertThat(((java.sql.Timestamp) row.get("ended_at")).toInstant()).isEqualTo(lookup);
        assertThat(endedAtInTheApi(sid)).isEqualTo(lookup);
    }

    @Test
    void theCarriersEndTimeIsTheCallsEnd() {
        String sid = silentPlacedCall("\"Status\":\"no-answer\",\"StartTime\":\"2026-12-06 10:00:00\","
                + "\"EndTime\":\"2026-12-06 10:00:40\"");

        Map<String, Object> row = closedByTheLookup(sid);

        Instant carriers = Instant.parse("2026-12-06T04:30:40Z"); // 10:00:40 IST
        assertThat(((java.sql.Timestamp) row.get("ended_at")).toInstant()).isEqualTo(carriers);
        assertThat(endedAtInTheApi(sid)).isEqualTo(carriers);
    }
}
