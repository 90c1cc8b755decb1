package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.telephony.exotel.ExotelInboundEvent.Connected;
import dev.vaani.telephony.exotel.ExotelInboundEvent.Dtmf;
import dev.vaani.telephony.exotel.ExotelInboundEvent.Mark;
import dev.vaani.telephony.exotel.ExotelInboundEvent.Media;
import dev.vaani.telephony.exotel.ExotelInboundEvent.Start;
import dev.vaani.telephony.exotel.ExotelInboundEvent.Stop;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExotelEventSequenceTest {

    private static final Connected CONNECTED = new Connected();
    private static final Start START = new Start("MZ1", "CA1", "AC1", "+91", "+91", Map.of(), null, 1);
    private static final Media MEDIA = new Media("MZ1", 2, 1, 100, new byte[320]);
    private static final Dtmf DTMF = new Dtmf("5", 100);
    private static final Mark MARK = new Mark("m1");
    private static final Stop STOP = new Stop("CA1", "AC1", "callended");

    private final ExotelEventSequence sequence = new ExotelEventSequence();

    @Test
    void theDocumentedOrderIsLegal() {
        for (ExotelInboundEvent event : new ExotelInboundEvent[] {CONNECTED, START, MEDIA, DTMF, MEDIA, MARK, STOP}) {
            assertThat(sequence.accept(event)).as("%s", event).isEmpty();
        }
        assertThat(sequence.isStopped()).isTrue();
    }

    @Test
    void connectedIsOptional() {
        assertThat(sequence.accept(START)).isEmpty();
        assertThat(sequence.accept(MEDIA)).isEmpty();
    }

    @Test
    void connectedOnlyFirst() {
        sequence.accept(START);
        assertThat(sequence.accept(CONNECTED)).contains("connected must be the first event, but came after start");
    }

    @Test
    void mediaBeforeStartIsRejected() {
        sequence.accept(CONNECTED);
        assertThat(sequence.accept(MEDIA)).contains("media came before start");
    }

    @Test
    void dtmfAndMarkBeforeStartAreRejected() {
        assertThat(sequence.accept(DTMF)).contains("dtmf came before start");
        assertThat(sequence.accept(MARK)).contains("mark came before start");
    }

    @Test
    void aSecondStartIsRejected() {
        sequence.accept(START);
        assertThat(sequence.accept(START)).contains("start must come once, before media, but came after start");
    }

    @Test
    void nothingIsLegalAfterStop() {
        sequence.accept(START);
        sequence.accept(STOP);
        assertThat(sequence.accept(MEDIA)).contains("media came after stop");
        assertThat(sequence.accept(START)).isPresent();
        assertThat(sequence.accept(STOP)).contains("stop came after the stream had stopped");
    }

    @Test
    void aHangupBeforeStartIsLegal() {
        assertThat(sequence.accept(STOP)).isEmpty();
    }

    @Test
    void aRejectedEventLeavesTheStateUnchanged() {
        sequence.accept(MEDIA);
        assertThat(sequence.isStreaming()).isFalse();
        assertThat(sequence.accept(START)).isEmpty();
        assertThat(sequence.isStreaming()).isTrue();
    }
}
