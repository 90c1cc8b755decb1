package dev.vaani.call;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator actions on calls in progress; under /api, so the admin API key guards them. */
@RestController
@RequestMapping("/api/calls")
class LiveCallController {

    private final LiveCalls calls;

    LiveCallController(LiveCalls calls) {
        this.calls = calls;
    }

    /** The bot says a polite goodbye and hangs up once it has been heard; 404 when the call is not live here. */
    @PostMapping("/{callSid}/wrap-up")
    ResponseEntity<Map<String, Object>> wrapUp(@PathVariable String callSid) {
        if (!calls.wrapUp(callSid)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.accepted().body(Map.of("callSid", callSid, "status", "wrapping-up"));
    }
}
