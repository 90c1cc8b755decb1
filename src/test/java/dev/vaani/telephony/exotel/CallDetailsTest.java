package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.CallStatusUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Exotel's call details read as the terminal status callback they stand in for. */
class CallDetailsTest {

    private static final Instant STARTED = Instant.parse("2026-12-05T05:00:00Z");
    private static final Instant ENDED = Instant.parse("2026-12-05T05:00:40Z");

    private static CallDetails details(String status, Instant endTime) {
        return new CallDetails("CA1", status, "+918012345678", "+919876543210", "outbound-api", STARTED, endTime, 40,
                null, null, STARTED, null);
    }

    @Test
    void aCallNobodyAnsweredHasNoAnswerTime() {
        assertThat(details("busy", ENDED).terminalUpdate(null)).hasValue(
                new CallStatusUpdate("CA1", "busy", null, ENDED, 40, null));
    }

    @Test
    void aCompletedCallWasAnsweredWhenItStarted() {
        assertThat(details("completed", ENDED).terminalUpdate(null).orElseThrow().answeredAt()).isEqualTo(STARTED);
    }

    @Test
    void statusesAreReadAsACallbacksAre() {
        assertThat(details("No_Answer", ENDED).terminalUpdate(null).orElseThrow().status()).isEqualTo("no-answer");
        assertThat(details("cancelled", ENDED).terminalUpdate(null).orElseThrow().status()).isEqualTo("canceled");
    }

    @Test
    void aCallStillOnSaysNothing() {
        assertThat(details("in-progress", null).terminalUpdate(ENDED)).isEmpty();
    }

    @Test
    void anEndExotelHasNotFilledInYetIsTheOneGiven() {
        assertThat(details("completed", null).terminalUpdate(ENDED).orElseThrow().endedAt()).isEqualTo(ENDED);
    }
}
