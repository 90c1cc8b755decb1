package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.CallQueries;
import dev.vaani.crm.CallRecords;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whichever writes a call's row first, the media stream or the dialer, the lead's number is where the console looks
 * for it: to_number on an outbound call, from_number on an inbound one.
 */
class CallRecordNumbersTest extends VaaniIntegrationTest {

    private static final String OUR_EXOPHONE = "+918047495678";

    @Autowired CallRecordStore store;
    @Autowired CallRecords callRecords;
    @Autowired CallQueries calls;

    private static String sid() {
        return "nums" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void anOutboundCallWhoseStreamStartsBeforeThePlacementIsRecordedIsStoredFromOurNumberToTheLead() {
        String sid = sid();
        String lead = uniquePhone();
        long leadId = insertLead("Asha", lead);

        store.started(sid, "MZ" + sid, leadId, null, "outbound", lead, OUR_EXOPHONE, 8000, Instant.now());
        callRecords.placed(sid, leadId, null, OUR_EXOPHONE, lead);

        assertThat(calls.find(sid).orElseThrow()).satisfies(call -> {
            assertThat(call.fromNumber()).isEqualTo(OUR_EXOPHONE);
            assertThat(call.otherPartyNumber()).isEqualTo(lead);
        });
    }

    @Test
    void anInboundCallIsStoredFromItsCaller() {
        String sid = sid();
        String caller = uniquePhone();

        store.started(sid, "MZ" + sid, null, null, "inbound", caller, OUR_EXOPHONE, 8000, Instant.now());

        assertThat(calls.find(sid).orElseThrow().otherPartyNumber()).isEqualTo(caller);
    }
}
