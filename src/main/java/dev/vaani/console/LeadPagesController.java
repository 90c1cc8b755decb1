package dev.vaani.console;

import dev.vaani.campaign.QueuedCalls;
import dev.vaani.crm.CallFilter;
import dev.vaani.crm.CallQueries;
import dev.vaani.crm.Lead;
import dev.vaani.crm.LeadErasure;
import dev.vaani.crm.Leads;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Leads: search and filter; one lead's calls and collected data; do-not-call on and off; erasure. */
@Controller
class LeadPagesController {

    private static final int PAGE_SIZE = 50;

    private final Leads leads;
    private final CallQueries calls;
    private final CallPresentation presentation;
    private final QueuedCalls queuedCalls;
    private final LeadErasure erasure;

    LeadPagesController(Leads leads, CallQueries calls, CallPresentation presentation, QueuedCalls queuedCalls,
                        LeadErasure erasure) {
        this.queuedCalls = queuedCalls;
        this.erasure = erasure;
        this.leads = leads;
        this.calls = calls;
        this.presentation = presentation;
    }

    @GetMapping("/leads")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                @RequestParam(required = false) String doNotCall, @RequestParam(defaultValue = "0") int page, Model model) {
        Boolean dnc = switch (doNotCall == null ? "" : doNotCall) {
            case "yes" -> true;
            case "no" -> false;
            default -> null;
        };
        List<Lead> found = leads.search(q, status, dnc, Math.max(0, page), PAGE_SIZE);
        model.addAttribute("leads", found);
        model.addAttribute("statuses", leads.statuses());
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("doNotCall", doNotCall);
        model.addAttribute("pageNumber", Math.max(0, page));
        model.addAttribute("hasMore", found.size() == PAGE_SIZE);
        model.addAttribute("filtered", (q != null && !q.isBlank()) || (status != null && !status.isBlank()) || dnc != null);
        model.addAttribute("page", "leads");
        return "leads";
    }

    @GetMapping("/leads/{id}")
    String lead(@PathVariable long id, Model model) {
        Lead lead = leads.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such lead"));
        model.addAttribute("lead", lead);
        model.addAttribute("calls", calls.list(CallFilter.ofLead(id), 0, 100));
        model.addAttribute("unverifiedCalls", lead.erased() ? List.of() : calls.unverifiedFrom(lead.phone(), 20));
        model.addAttribute("queuedCalls", queuedCalls.of(id));
        model.addAttribute("collected", presentation.collected(leads.collectedData(id)));
        model.addAttribute("page", "leads");
        return "lead";
    }

    @PostMapping("/leads/{id}/do-not-call")
    String doNotCall(@PathVariable long id, @RequestParam boolean on, RedirectAttributes flash) {
        try {
            if (!leads.setDoNotCall(id, on)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such lead");
            }
        } catch (Leads.ErasedLeadException e) { // a page opened before the erasure
            flash.addFlashAttribute("error", "This lead was erased: it stays on do-not-call for good.");
            return "redirect:/leads/" + id;
        }
        flash.addFlashAttribute("notice", on ? "Do-not-call is on: this lead will not be called again."
                : "Do-not-call is off: campaigns may call this lead.");
        return "redirect:/leads/" + id;
    }

    /**
     * Erases the lead's personal data (crm.LeadErasure). The form asks the broker to tick a confirmation first, since
     * nothing brings the data back; a post without it changes nothing.
     */
    @PostMapping("/leads/{id}/erase")
    String erase(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirmed, Principal principal,
                 RedirectAttributes flash) {
        if (!confirmed) {
            flash.addFlashAttribute("error", "Nothing was erased: tick the box to confirm first.");
            return "redirect:/leads/" + id;
        }
        try {
            LeadErasure.Erasure done = erasure.erase(id, principal == null ? null : principal.getName())
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such lead"));
            flash.addFlashAttribute("notice", done.alreadyErased() ? "This lead was erased already."
                    : "Erased: the lead's personal data and what " + done.callsErased() + " call(s) recorded are gone, "
                    + done.queuedCallsCancelled() + " queued call(s) cancelled. The number will never be called again.");
        } catch (LeadErasure.CallNotClosedException e) {
            flash.addFlashAttribute("error", "Not erased: a call with this lead is still live or not yet closed. "
                    + "Try again after it ends.");
        }
        return "redirect:/leads/" + id;
    }
}
