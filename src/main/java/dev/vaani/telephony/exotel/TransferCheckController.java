package dev.vaani.telephony.exotel;

import dev.vaani.call.session.ConversationSession;
import dev.vaani.call.session.SessionStore;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Passthru applet after the Voicebot applet in an ExoPhlo asks here whether the bot handed the caller over:
 * 302 when it did (the flow's 302 branch goes to a Connect applet that rings the sales number), 200 when the call
 * is simply over (the 200 branch goes to Hangup). See docs/exotel-setup.md. Protected like the status callback
 * (the webhook secret, checked by the security chain).
 */
@RestController
class TransferCheckController {

    private static final Logger log = LoggerFactory.getLogger(TransferCheckController.class);

    private final SessionStore sessions;
    private final JdbcClient jdbc;

    TransferCheckController(ExotelProperties exotel, SessionStore sessions, JdbcClient jdbc) {
        this.sessions = sessions;
        this.jdbc = jdbc;
        if (exotel.configured() && exotel.exophloId().isBlank()) {
            log.info("Exotel direct mode (no EXOTEL_EXOPHLO_ID): a caller asking for a person cannot be transferred on"
                    + " the call; the agent promises such callers a call back from a person and call.transfer_requested goes to"
                    + " the customer webhook so your team can make it. Transfer needs flow mode (docs/exotel-setup.md)");
        }
    }

    @Operation(summary = "Passthru: did the bot hand this caller to a person?",
            description = "302 = transfer (connect to sales), 200 = no transfer. Needs EXOTEL_WEBHOOK_SECRET like the status callback")
    @RequestMapping(path = "/webhooks/exotel/transfer-check", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> transferCheck(@RequestParam(name = "CallSid", required = false) String callSid) {
        if (!ExotelIdentifiers.isIdentifier(callSid)) { // it is logged below
            return ResponseEntity.badRequest().build();
        }
        // The live session knows at once; the call row within about a second (or at the stream's end).
        boolean transfer = sessions.find(callSid).map(ConversationSession::escalationRequested).orElse(false)
                || jdbc.sql("SELECT escalation_requested OR final_outcome = 'transferred' FROM call_sessions WHERE call_sid = ?")
                        .param(callSid).query(Boolean.class).optional().orElse(false);
        log.info("Call {}: Passthru transfer check -> {}", callSid, transfer ? "302 connect to a person" : "200 hang up");
        return ResponseEntity.status(transfer ? HttpStatus.FOUND : HttpStatus.OK).build();
    }
}
