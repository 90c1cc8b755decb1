package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.HandOver;
import org.junit.jupiter.api.Test;

class ExotelHandOverPolicyTest {

    private static ExotelHandOverPolicy policy(String exophloId) {
        return new ExotelHandOverPolicy(new ExotelProperties("acme1", "key", "token", "08012345678", exophloId,
                "https://api.exotel.com", "secret"));
    }

    @Test
    void aCallTheDialerPlacedDirectlyCanOnlyPromiseACallBack() {
        assertThat(policy("").forCall(true)).isEqualTo(HandOver.CALL_BACK);
    }

    @Test
    void aCallTheDialerPlacedThroughAFlowIsConnectedByTheFlow() {
        assertThat(policy("777").forCall(true)).isEqualTo(HandOver.CONNECT_NOW);
    }

    @Test
    void anInboundCallCameThroughAFlowAndIsConnectedByIt() {
        assertThat(policy("").forCall(false)).isEqualTo(HandOver.CONNECT_NOW);
    }
}
