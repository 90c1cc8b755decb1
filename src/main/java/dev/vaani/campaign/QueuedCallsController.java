package dev.vaani.campaign;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What the dialer will do for a lead: its queued calls (a callback it asked for included) and when they are placed. */
@RestController
class QueuedCallsController {

    private final QueuedCalls queued;

    QueuedCallsController(QueuedCalls queued) {
        this.queued = queued;
    }

    @GetMapping("/api/leads/{id}/queued-calls")
    List<QueuedCalls.QueuedCall> queuedCalls(@PathVariable long id) {
        return queued.of(id);
    }
}
