package dev.vaani.call;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How call state reaches PostgreSQL and how calls left open are found (vaani.durability.*).
 *
 * @param writeDelay        changes to a live call's state are coalesced for this long before one write (so the record
 *                          is at most this much behind Redis, plus the write itself)
 * @param maxRetryDelay     a failed write is retried with doubling delays up to this
 * @param heartbeatInterval how often an instance stamps the rows of the media streams it serves
 * @param ownerTimeout      a media stream whose row was not stamped for this long has no owner any more
 * @param reconcileInterval how often every instance looks for orphaned streams, undecided calls, unresolved attempts
 * @param statusGrace       after the media leg ended, how long Exotel's terminal status may take before the call-details
 *                          API is asked for it (once; a status callback lost while no instance listened)
 * @param decisionTimeout   after the media leg ended, how long to wait for Exotel's terminal status before asking the
 *                          call-details API again, and failing that deciding the next step on the media result alone
 * @param dialingTimeout    an attempt in 'dialing' or 'unknown' for this long is resolved through the call-details API
 *                          and stops counting against the campaign's concurrency
 * @param drain             on shutdown, live calls may go on this long before they are wrapped up (SHUTDOWN_DRAIN_MINUTES)
 */
@ConfigurationProperties("vaani.durability")
public record DurabilityProperties(
        @DefaultValue("500ms") Duration writeDelay,
        @DefaultValue("30s") Duration maxRetryDelay,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("45s") Duration ownerTimeout,
        @DefaultValue("30s") Duration reconcileInterval,
        @DefaultValue("1m") Duration statusGrace,
        @DefaultValue("10m") Duration decisionTimeout,
        @DefaultValue("2m") Duration dialingTimeout,
        @DefaultValue("10m") Duration drain) {
}
