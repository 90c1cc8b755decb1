package dev.vaani.campaign;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    private final Campaigns campaigns;
    private final CampaignRunner runner;
    private final CampaignResults results;
    private final TransferNotice transferNotice;

    CampaignController(Campaigns campaigns, CampaignRunner runner, CampaignResults results,
                       TransferNotice transferNotice) {
        this.transferNotice = transferNotice;
        this.campaigns = campaigns;
        this.runner = runner;
        this.results = results;
    }

    record AttachLeads(@NotEmpty(message = "leadIds must list at least one lead") List<Long> leadIds) {
    }

    @GetMapping
    List<Campaign> list() {
        return campaigns.list();
    }

    @GetMapping("/{id}")
    ResponseEntity<Campaign> get(@PathVariable long id) {
        return ResponseEntity.of(campaigns.find(id));
    }

    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<Campaign> create(@RequestBody CampaignRequest request) { // validated with the campaign rules: all at once
        Campaign campaign = campaigns.create(request);
        return ResponseEntity.created(URI.create("/api/campaigns/" + campaign.id())).body(campaign);
    }

    @PutMapping("/{id}")
    ResponseEntity<Campaign> replace(@PathVariable long id, @RequestBody CampaignRequest request) {
        return ResponseEntity.of(campaigns.replace(id, request));
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        return campaigns.delete(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @PostMapping("/{id}/leads")
    ResponseEntity<?> attach(@PathVariable long id, @Valid @RequestBody AttachLeads body) {
        if (campaigns.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("attached", campaigns.attach(id, body.leadIds())));
    }

    @PostMapping("/{id}/start")
    ResponseEntity<?> start(@PathVariable long id) {
        if (campaigns.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        CampaignRunner.Started start = runner.start(id);
        String status = campaigns.find(id).map(Campaign::status).orElse("active"); // completed when nothing was left
        Map<String, Object> started = new java.util.LinkedHashMap<>(Map.of("status", status, "queued", start.queued()));
        if (start.firstCallAt() != null) {
            started.put("firstCallAt", start.firstCallAtText());
        }
        started.put("message", start.sentence());
        transferNotice.forPlacedCalls().ifPresent(notice -> started.put("transferNotice", notice));
        return ResponseEntity.ok(started);
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<?> pause(@PathVariable long id) {
        if (campaigns.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        runner.pause(id);
        return ResponseEntity.ok(Map.of("status", "paused"));
    }

    @PostMapping("/{id}/stop")
    ResponseEntity<?> stop(@PathVariable long id) {
        if (campaigns.find(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        runner.stop(id);
        return ResponseEntity.ok(Map.of("status", "stopped"));
    }

    @GetMapping("/{id}/progress")
    ResponseEntity<CampaignRunner.Progress> progress(@PathVariable long id) {
        return ResponseEntity.of(campaigns.find(id).map(runner::progress));
    }

    @ApiResponse(responseCode = "200", description = "UTF-8 with a byte order mark; one line per lead",
            content = @Content(mediaType = "text/csv", schema = @Schema(types = "string")))
    @GetMapping(value = "/{id}/results.csv", produces = "text/csv")
    void resultsCsv(@PathVariable long id, HttpServletResponse response) throws IOException {
        if (campaigns.find(id).isEmpty()) { // a problem detail, as every other 404 of the API, not an empty CSV answer
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "campaign " + id + " not found");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-" + id + "-results.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        results.write(id, out); // streamed a page at a time: any size, never whole in memory, no pooled connection held
        out.flush();
    }
}
