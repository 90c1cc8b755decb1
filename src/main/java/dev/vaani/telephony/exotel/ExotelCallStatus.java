package dev.vaani.telephony.exotel;

import dev.vaani.call.CarrierCallStatus;
import dev.vaani.crm.CallRecords;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Exotel's call-details API as the reconciler's source for calls whose terminal status callback never came. */
@Component
class ExotelCallStatus implements CarrierCallStatus {

    private static final Logger log = LoggerFactory.getLogger(ExotelCallStatus.class);

    private final ExotelClient exotel;
    private final ExotelProperties properties;
    private final CallRecords callRecords;
    private final Clock clock;

    ExotelCallStatus(ExotelClient exotel, ExotelProperties properties, CallRecords callRecords, Clock clock) {
        this.exotel = exotel;
        this.clock = clock;
        this.properties = properties;
        this.callRecords = callRecords;
    }

    @Override
    public boolean available() {
        return properties.configured();
    }

    @Override
    public void settle(String callSid) {
        try {
            // Exotel fills EndTime in only once the call's details settle, minutes after it: until then the call
            // ended at the latest now, which is closer than no end at all (the console and API would show none)
            exotel.getCallDetails(callSid).terminalUpdate(clock.instant())
                    .ifPresent(update -> callRecords.apply(update, Map.of("source", "call-details")));
        } catch (RuntimeException e) {
            log.info("Call {}: Exotel's call details are not available ({})", callSid, e.getMessage());
        }
    }
}
