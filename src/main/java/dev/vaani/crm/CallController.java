package dev.vaani.crm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/calls")
@Validated
class CallController {

    private final CallQueries calls;

    CallController(CallQueries calls) {
        this.calls = calls;
    }

    /** A call's status as call_sessions allows it: Exotel's, and ours for a media stream cut off (interrupted). */
    static final String STATUSES = "initiated|ringing|in-progress|completed|failed|busy|no-answer|canceled|interrupted";
    /** {@link dev.vaani.conversation.CallOutcome}'s codes (CallFilterValuesTest keeps them the same). */
    static final String OUTCOMES =
            "qualified|not_interested|callback|transferred|wrong_number|voicemail|no_answer|busy|failed|incomplete";

    /**
     * Calls, newest first; the list leaves transcripts out (GET /api/calls/{callSid} has them). A status or outcome
     * that no call can have is a 400 naming the values, not an empty list a typo would hide behind.
     */
    @GetMapping
    List<CallView> list(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) Long leadId,
                        @RequestParam(required = false) @Pattern(regexp = STATUSES, message = "must be one of "
                                + STATUSES) String status,
                        @RequestParam(required = false) @Pattern(regexp = OUTCOMES, message = "must be one of "
                                + OUTCOMES) String outcome,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return calls.list(new CallFilter(campaignId, leadId, status, outcome, from, to), page, size);
    }

    @GetMapping("/{callSid}")
    ResponseEntity<CallView> get(@PathVariable String callSid) {
        return ResponseEntity.of(calls.find(callSid));
    }
}
