package dev.vaani.call;

/**
 * The carrier's own record of how a call went, for calls whose status callback never came. The carrier integration
 * implements it (e.g. Exotel's call-details API).
 */
public interface CarrierCallStatus {

    /** Whether the carrier can be asked at all (its account is configured). */
    boolean available();

    /**
     * Asks the carrier how the call stands and, when it has ended there, records that end as a status callback would.
     * Quietly does nothing when the carrier cannot say.
     */
    void settle(String callSid);
}
