package dev.vaani.telephony.exotel;

import dev.vaani.call.HandOverPolicy;
import dev.vaani.conversation.HandOver;
import org.springframework.stereotype.Component;

/**
 * A call the dialer placed directly (Calls/connect with a StreamUrl, no EXOTEL_EXOPHLO_ID) ends when its stream
 * closes: nothing can connect the caller to a person, so the agent may promise only a call back. Calls through a flow
 * (every inbound call, and outbound calls in flow mode) go on to the flow's Connect applet.
 */
@Component
class ExotelHandOverPolicy implements HandOverPolicy {

    private final ExotelProperties exotel;

    ExotelHandOverPolicy(ExotelProperties exotel) {
        this.exotel = exotel;
    }

    @Override
    public HandOver forCall(boolean placedByUs) {
        return placedByUs && exotel.exophloId().isBlank() ? HandOver.CALL_BACK : HandOver.CONNECT_NOW;
    }
}
