package dev.vaani.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Booking the call back a caller who phoned in asked for ({@link InboundCallBacks}). */
@RestController
class InboundCallBackController {

    /**
     * @param campaignId the campaign that calls back (not a stopped one)
     * @param name       the lead's name, used when no lead has the caller's number and one is made for it (at most
     *                   200 characters, on one line: checked by {@link InboundCallBacks})
     */
    record CallBackRequest(@NotNull(message = "campaignId is required") Long campaignId, String name) {
    }

    private final InboundCallBacks callBacks;

    InboundCallBackController(InboundCallBacks callBacks) {
        this.callBacks = callBacks;
    }

    /**
     * Books a call back to the caller of an inbound call that has ended: the lead with the caller's number (or a new
     * one) joins the campaign, its call queued for the time the caller asked for, or as soon as the calling hours
     * allow. 201 with the booking; 404 for an unknown call; 409 with the reason when it cannot be booked (not an
     * inbound call, still on, number withheld or erased, a number the dialer never calls such as one from abroad, the
     * lead on do-not-call or being called now, a stopped campaign, booked already).
     */
    @PostMapping("/api/calls/{callSid}/call-back")
    ResponseEntity<InboundCallBacks.Booking> book(@PathVariable String callSid, @Valid @RequestBody CallBackRequest request) {
        return callBacks.book(callSid, request.campaignId(), request.name())
                .map(booking -> ResponseEntity.status(HttpStatus.CREATED).body(booking))
                .orElse(ResponseEntity.notFound().build());
    }
}
