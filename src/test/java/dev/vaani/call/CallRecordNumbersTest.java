package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.CallQueries;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.LeadErasure;
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
    @Autowired LeadErasure erasure;

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

    @Test
    void anInboundCallerNumberExotelWritesWithATrunkZeroIsStoredAsTheLeadsNumberIs() {
        String sid = sid();
        String caller = uniquePhone();

        store.started(sid, "MZ" + sid, null, null, "inbound", "0" + caller.substring(3), OUR_EXOPHONE, 8000,
                Instant.now());

        assertThat(calls.find(sid).orElseThrow().otherPartyNumber()).isEqualTo(caller);
        assertThat(calls.unverifiedFrom(caller, 5)).extracting(c -> c.callSid()).contains(sid);
    }

    @Test
    void aCallFromANumberWhoseOwnerWasErasedIsStoredWithoutTheNumber() {
        String phone = uniquePhone();
        long leadId = insertLead("Erase Me", phone);
        erasure.erase(leadId, "test");
        String sid = sid();

        store.started(sid, "MZ" + sid, null, null, "inbound", "0" + phone.substring(3), OUR_EXOPHONE, 8000,
                Instant.now());

        assertThat(calls.find(sid).orElseThrow().otherPartyNumber()).as("as if withheld").isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM call_sessions WHERE from_number = ? OR to_number = ?")
                .params(phone, phone).query(Integer.class).single()).isZero();
    }
}
