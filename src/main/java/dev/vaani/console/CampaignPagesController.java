package dev.vaani.console;

import dev.vaani.campaign.Campaign;
import dev.vaani.campaign.CampaignResults;
import dev.vaani.campaign.CampaignRunner;
import dev.vaani.campaign.Campaigns;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.crm.CsvUploads;
import dev.vaani.crm.ImportCheck;
import dev.vaani.crm.ImportResult;
import dev.vaani.crm.LeadImport;
import dev.vaani.platform.admin.ConflictingFieldException;
import dev.vaani.platform.admin.InvalidFieldException;
import dev.vaani.platform.security.HttpLimits;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Campaigns: list, create, edit; import leads from a CSV checked before anything is saved; start, pause, stop;
 * progress; results. The checked file waits in the operator's session until they import it or choose another.
 */
@Controller
class CampaignPagesController {

    private final Campaigns campaigns;
    private final CampaignRunner runner;
    private final CampaignResults results;
    private final LeadImport leadImport;
    private final dev.vaani.campaign.TransferNotice transferNotice;
    private final long importMaxBytes;
    private final String importTooLarge;

    CampaignPagesController(Campaigns campaigns, CampaignRunner runner, CampaignResults results, LeadImport leadImport,
                            dev.vaani.campaign.TransferNotice transferNotice, HttpLimits limits) {
        this.importMaxBytes = limits.importMaxSize().toBytes();
        this.importTooLarge = OversizedImports.message(limits.importMaxSize());
        this.transferNotice = transferNotice;
        this.campaigns = campaigns;
        this.runner = runner;
        this.results = results;
        this.leadImport = leadImport;
    }

    /** A CSV the operator checked and has not imported yet. */
    record PendingImport(String fileName, String csv, ImportCheck check) implements java.io.Serializable {
    }

    /** The campaign form swaps default lines when the language changes (see console.js), from these. */
    @ModelAttribute("scriptDefaults")
    String scriptDefaults() {
        return ScriptDefaults.json();
    }

    @GetMapping("/campaigns")
    String list(Model model) {
        model.addAttribute("campaigns", campaigns.list().stream().map(c -> new Row(c, runner.progress(c))).toList());
        model.addAttribute("page", "campaigns");
        return "campaigns";
    }

    record Row(Campaign campaign, CampaignRunner.Progress progress) {
    }

    @GetMapping("/campaigns/new")
    String newCampaign(Model model) {
        model.addAttribute("form", CampaignForm.blank());
        model.addAttribute("page", "campaigns");
        return "campaign-form";
    }

    @PostMapping("/campaigns")
    String create(@Valid @ModelAttribute("form") CampaignForm form, BindingResult errors, Model model,
                  RedirectAttributes flash) {
        if (!valid(form, errors)) {
            model.addAttribute("page", "campaigns");
            return "campaign-form";
        }
        Campaign created;
        try {
            created = campaigns.create(form.toRequest(CampaignScript.defaultRealEstate()));
        } catch (InvalidFieldException e) {
            rejectNextToItsField(e, form, errors);
            model.addAttribute("page", "campaigns");
            return "campaign-form";
        }
        flash.addFlashAttribute("notice", "Campaign created. Next: import its leads from a CSV file.");
        return "redirect:/campaigns/" + created.id();
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable long id, @RequestParam(name = OversizedImports.REFUSED, required = false) String tooLarge,
                    HttpSession session, Model model) {
        Campaign campaign = find(id);
        if (tooLarge != null) {
            model.addAttribute("importError", importTooLarge);
        }
        model.addAttribute("importMaxBytes", importMaxBytes);
        model.addAttribute("importTooLarge", importTooLarge);
        model.addAttribute("campaign", campaign);
        model.addAttribute("progress", runner.progress(campaign));
        model.addAttribute("pending", session.getAttribute(pendingKey(id)));
        model.addAttribute("page", "campaigns");
        return "campaign";
    }

    @GetMapping("/campaigns/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Campaign campaign = find(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("form", CampaignForm.of(campaign));
        model.addAttribute("page", "campaigns");
        return "campaign-form";
    }

    @PostMapping("/campaigns/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("form") CampaignForm form, BindingResult errors,
                  Model model, RedirectAttributes flash) {
        Campaign campaign = find(id);
        if (!valid(form, errors)) {
            model.addAttribute("campaign", campaign);
            model.addAttribute("page", "campaigns");
            return "campaign-form";
        }
        try {
            campaigns.replace(id, form.toRequest(campaign.script()));
        } catch (InvalidFieldException e) {
            rejectNextToItsField(e, form, errors);
            model.addAttribute("campaign", campaign);
            model.addAttribute("page", "campaigns");
            return "campaign-form";
        }
        flash.addFlashAttribute("notice", "Saved.");
        return "redirect:/campaigns/" + id;
    }

    /** The check's address opened again (back, refresh, a bookmark): the campaign's import, where the check shows. */
    @GetMapping("/campaigns/{id}/import/check")
    String checkAgain(@PathVariable long id) {
        find(id);
        return "redirect:/campaigns/" + id + "#import";
    }

    /** Checks the file and shows its row errors; nothing is saved yet. */
    @PostMapping("/campaigns/{id}/import/check")
    String check(@PathVariable long id, @RequestParam("file") MultipartFile file, HttpSession session,
                 RedirectAttributes flash) throws IOException {
        find(id);
        session.removeAttribute(pendingKey(id));
        if (file.isEmpty()) {
            boolean chosen = file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank();
            flash.addFlashAttribute("importError", chosen ? "The file " + file.getOriginalFilename() + " is empty."
                    : "Choose a CSV file first (or drop one on the box).");
            return "redirect:/campaigns/" + id + "#import";
        }
        try {
            String csv = CsvUploads.decode(file.getBytes(), null); // a browser declares no charset for a file
            ImportCheck check = leadImport.check(csv);
            session.setAttribute(pendingKey(id), new PendingImport(file.getOriginalFilename(), csv, check));
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("importError", e.getMessage());
        }
        return "redirect:/campaigns/" + id + "#import";
    }

    /** Imports the checked file: all-or-nothing ("all") or only the good rows ("skip"). */
    @PostMapping("/campaigns/{id}/import")
    String importLeads(@PathVariable long id, @RequestParam(defaultValue = "all") String mode, HttpSession session,
                       RedirectAttributes flash) {
        find(id);
        if (!(session.getAttribute(pendingKey(id)) instanceof PendingImport pending)) {
            flash.addFlashAttribute("importError", "Choose a CSV file and check it first.");
            return "redirect:/campaigns/" + id + "#import";
        }
        ImportResult result = leadImport.importCsv(pending.csv(), id, "skip".equals(mode));
        if (!result.imported()) {
            flash.addFlashAttribute("importError", result.skipped() + " bad row(s), so nothing was imported. "
                    + "Fix the file, or choose \"skip the bad rows\".");
            return "redirect:/campaigns/" + id + "#import";
        }
        session.removeAttribute(pendingKey(id));
        flash.addFlashAttribute("notice", ImportNotice.of(result));
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/import/cancel")
    String cancelImport(@PathVariable long id, HttpSession session) {
        session.removeAttribute(pendingKey(id));
        return "redirect:/campaigns/" + id + "#import";
    }

    @PostMapping("/campaigns/{id}/{action:start|pause|stop}")
    String control(@PathVariable long id, @PathVariable String action, RedirectAttributes flash) {
        find(id);
        try {
            switch (action) {
                case "start" -> flash.addFlashAttribute("notice", runner.start(id).sentence()
                        + transferNotice.forPlacedCalls().map(notice -> " " + notice).orElse(""));
                case "pause" -> {
                    runner.pause(id);
                    flash.addFlashAttribute("notice", "Paused. Calls in progress finish; no new calls are placed.");
                }
                default -> {
                    runner.stop(id);
                    flash.addFlashAttribute("notice", "Stopped. Queued calls are cancelled.");
                }
            }
        } catch (dev.vaani.platform.admin.StateConflictException e) { // Exotel not configured, no lead to call,
            flash.addFlashAttribute("error", e.getMessage()); // a pause of a campaign that is not running
        }
        return "redirect:/campaigns/" + id;
    }

    /** For the progress bar, fetched again when a call of this campaign starts or ends. */
    @GetMapping("/console/campaigns/{id}/progress")
    @ResponseBody
    CampaignRunner.Progress progress(@PathVariable long id) {
        return runner.progress(find(id));
    }

    @GetMapping("/campaigns/{id}/results.csv")
    void resultsCsv(@PathVariable long id, HttpServletResponse response) throws IOException {
        find(id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-" + id + "-results.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        results.write(id, out); // streamed a page at a time, as the API's
        out.flush();
    }

    private boolean valid(CampaignForm form, BindingResult errors) {
        if (form.getTimeZone() != null && !form.getTimeZone().isBlank() && !errors.hasFieldErrors("timeZone")) {
            try {
                ZoneId.of(form.getTimeZone().strip());
            } catch (DateTimeException e) {
                errors.rejectValue("timeZone", "zone", "Unknown time zone; use a name such as Asia/Kolkata");
            }
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < form.getQuestions().size(); i++) {
            CampaignForm.Question q = form.getQuestions().get(i);
            if (!q.blank() && q.getKey().isBlank()) {
                errors.rejectValue("questions[" + i + "].key", "key", "Name what this question finds out (e.g. budget)");
            } else if (!q.blank() && !keys.add(q.getKey().strip().toLowerCase(java.util.Locale.ROOT))) {
                errors.rejectValue("questions[" + i + "].key", "duplicate",
                        "Another question already finds this out; the agent would ask only one of them");
            }
            if (!q.blank() && q.getQuestion().isBlank()) {
                errors.rejectValue("questions[" + i + "].question", "question", "Write how the agent asks it");
            }
        }
        if (form.filledQuestions().isEmpty() && !errors.hasFieldErrors("questions*")) {
            errors.rejectValue("questions", "none", "Add at least one question");
        }
        return !errors.hasErrors();
    }

    private Campaign find(long id) {
        return campaigns.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such campaign"));
    }

    private static String pendingKey(long id) {
        return "console.import." + id;
    }

    /**
     * What the campaign rules refused (more calls at once than the account has lines, ...), shown beside the field
     * with everything the broker typed kept; a rule about no field of the form is shown above it.
     */
    private static void rejectNextToItsField(InvalidFieldException e, CampaignForm form, BindingResult errors) {
        var properties = new org.springframework.beans.BeanWrapperImpl(form);
        for (InvalidFieldException.Problem problem : e.problems()) {
            if (properties.isReadableProperty(problem.field())) {
                errors.rejectValue(problem.field(), e instanceof ConflictingFieldException ? "taken" : "invalid",
                        problem.message());
            } else {
                errors.reject("invalid", problem.message());
            }
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(InvalidFieldException.class)
    String invalidField(InvalidFieldException e, RedirectAttributes flash) {
        flash.addFlashAttribute("error", e.getMessage());
        return "redirect:/campaigns";
    }
}
