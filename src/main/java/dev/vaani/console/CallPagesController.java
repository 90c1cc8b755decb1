package dev.vaani.console;

import dev.vaani.campaign.Campaigns;
import dev.vaani.campaign.InboundCallBacks;
import dev.vaani.crm.CallFilter;
import dev.vaani.crm.CallQueries;
import dev.vaani.crm.CallView;
import dev.vaani.crm.RecordingUrl;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Calls: a filtered list, and one call's conversation, data, outcome and timings, live while it lasts. */
@Controller
class CallPagesController {

    static final List<String> STATUSES = List.of("initiated", "ringing", "in-progress", "completed", "failed", "busy",
            "no-answer", "canceled", "interrupted");
    static final List<String> OUTCOMES = java.util.Arrays.stream(dev.vaani.conversation.CallOutcome.values())
            .map(dev.vaani.conversation.CallOutcome::code).toList();
    private static final int PAGE_SIZE = 50;

    private final CallQueries calls;
    private final Campaigns campaigns;
    private final CallPresentation presentation;
    private final CallWatchers watchers;
    private final InboundCallBacks callBacks;

    CallPagesController(CallQueries calls, Campaigns campaigns, CallPresentation presentation, CallWatchers watchers,
                        InboundCallBacks callBacks) {
        this.callBacks = callBacks;
        this.calls = calls;
        this.campaigns = campaigns;
        this.presentation = presentation;
        this.watchers = watchers;
    }

    @GetMapping("/calls")
    String list(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) String status,
                @RequestParam(required = false) String outcome,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                @RequestParam(defaultValue = "0") int page, Model model) {
        var from = date == null ? null : date.atStartOfDay(CallPresentation.INDIA).toOffsetDateTime();
        var filter = new CallFilter(campaignId, null, blank(status), blank(outcome), from, from == null ? null : from.plusDays(1));
        List<CallView> found = calls.list(filter, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("calls", found);
        model.addAttribute("campaigns", campaigns.list());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("campaignId", campaignId);
        model.addAttribute("status", blank(status));
        model.addAttribute("outcome", blank(outcome));
        model.addAttribute("date", date);
        model.addAttribute("pageNumber", Math.max(0, page));
        model.addAttribute("hasMore", found.size() == PAGE_SIZE);
        model.addAttribute("filtered", filter.campaignId() != null || filter.status() != null || filter.outcome() != null || date != null);
        model.addAttribute("page", "calls");
        return "calls";
    }

    @GetMapping("/calls/{callSid}")
    String call(@PathVariable String callSid, Model model) {
        CallView call = calls.find(callSid).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such call"));
        var transcript = presentation.transcript(call.transcript());
        model.addAttribute("call", call);
        // rows from before recording URLs were checked may hold anything
        model.addAttribute("recording", RecordingUrl.playable(call.recordingUrl()).orElse(null));
        model.addAttribute("transcript", transcript);
        model.addAttribute("collected", presentation.collected(call.collectedData()));
        model.addAttribute("latency", presentation.latency(calls.turnMetrics(callSid)));
        model.addAttribute("live", watchers.live(callSid));
        model.addAttribute("campaign", call.campaignId() == null ? null : campaigns.find(call.campaignId()).orElse(null));
        var booking = "inbound".equals(call.direction()) ? callBacks.bookingOf(callSid).orElse(null) : null;
        model.addAttribute("callBack", booking);
        boolean offer = booking == null && "inbound".equals(call.direction()) && call.fromNumber() != null
                && call.endedAt() != null;
        model.addAttribute("callBackOffer", offer);
        model.addAttribute("callBackCampaigns", offer
                ? campaigns.list().stream().filter(c -> !c.status().equals("stopped")).toList() : List.of());
        model.addAttribute("page", "calls");
        return "call";
    }

    /** The broker vouches for an inbound caller's number by booking their call back ({@link InboundCallBacks}). */
    @PostMapping("/calls/{callSid}/call-back")
    String bookCallBack(@PathVariable String callSid, @RequestParam long campaignId,
                        @RequestParam(required = false) String name, RedirectAttributes flash) {
        try {
            InboundCallBacks.Booking booking = callBacks.book(callSid, campaignId, name)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such call"));
            flash.addFlashAttribute("notice", "Call back booked for " + presentation.when(booking.callAt())
                    + (booking.leadCreated() ? ", as a new lead" : "") + ".");
        } catch (InboundCallBacks.CannotBookException | dev.vaani.platform.admin.InvalidFieldException e) {
            flash.addFlashAttribute("error", "Not booked: " + e.getMessage() + ".");
        }
        return "redirect:/calls/" + callSid;
    }

    /** The call's transcript lines the page has not shown ({@code after} lines shown), then each line as it is heard. */
    @GetMapping("/calls/{callSid}/events")
    SseEmitter events(@PathVariable String callSid, @RequestParam(defaultValue = "0") int after,
                      @org.springframework.web.bind.annotation.RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      jakarta.servlet.http.HttpSession session) {
        int from = after;
        if (lastEventId != null && lastEventId.matches("\\d{1,9}")) {
            from = Math.max(from, Integer.parseInt(lastEventId) + 1);
        }
        return watchers.watchCall(callSid, from, session.getId());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
