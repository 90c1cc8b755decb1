package dev.vaani.console;

import dev.vaani.call.LiveCalls;
import dev.vaani.crm.CallQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Home: calls live now, today's calls by outcome, qualified leads, reply latency, and what needs attention. */
@Controller
class HomeController {

    private final LiveCalls liveCalls;
    private final CallQueries calls;
    private final Attention attention;
    private final CallWatchers watchers;
    private final Clock clock;

    HomeController(LiveCalls liveCalls, CallQueries calls, Attention attention, CallWatchers watchers, Clock clock) {
        this.liveCalls = liveCalls;
        this.calls = calls;
        this.attention = attention;
        this.watchers = watchers;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Model model) {
        live(model);
        LocalDate todayInIndia = LocalDate.ofInstant(clock.instant(), CallPresentation.INDIA);
        var today = calls.outcomesSince(todayInIndia.atStartOfDay(CallPresentation.INDIA).toInstant());
        model.addAttribute("today", today);
        model.addAttribute("todayDate", todayInIndia); // each count links to the same day's calls
        model.addAttribute("todayTotal", today.values().stream().mapToInt(Integer::intValue).sum());
        model.addAttribute("qualifiedLeads", calls.qualifiedLeads());
        model.addAttribute("latency", calls.replyLatencySince(clock.instant().minus(Duration.ofHours(1))));
        model.addAttribute("attention", attention.items());
        model.addAttribute("page", "home");
        return "home";
    }

    /** The live-calls panel alone; the home page fetches it again when a call starts or ends. */
    @GetMapping("/console/live")
    String live(Model model) {
        model.addAttribute("live", calls.open(liveCalls.liveCallSids()));
        return "home :: live";
    }

    @GetMapping("/console/events")
    SseEmitter events(jakarta.servlet.http.HttpSession session) {
        return watchers.watchAll(session.getId());
    }
}
