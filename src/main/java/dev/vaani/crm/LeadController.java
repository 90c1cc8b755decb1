package dev.vaani.crm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/leads")
@Validated
class LeadController {

    private final Leads leads;
    private final LeadErasure erasure;
    private final CallQueries calls;

    LeadController(Leads leads, LeadErasure erasure, CallQueries calls) {
        this.leads = leads;
        this.erasure = erasure;
        this.calls = calls;
    }

    @GetMapping
    List<Lead> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return leads.list(page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<Lead> get(@PathVariable long id) {
        return ResponseEntity.of(leads.find(id));
    }

    /**
     * What the lead's page lists under "Calls from this lead's number": inbound calls from the lead's number, which
     * no signed identity tied to the lead (a caller ID is no proof), so {@code GET /api/calls?leadId=} leaves them out.
     */
    @Operation(summary = "Inbound calls from the lead's number (not verified as the lead's), newest first")
    @GetMapping("/{id}/calls-from-number")
    ResponseEntity<List<CallView>> callsFromNumber(@PathVariable long id,
                                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return ResponseEntity.of(leads.find(id).map(lead -> lead.erased() ? List.<CallView>of()
                : calls.unverifiedFrom(lead.phone(), size)));
    }

    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<Lead> create(@RequestBody LeadRequest request) { // validated with the lead rules: all at once
        Lead lead = leads.create(request);
        return ResponseEntity.created(URI.create("/api/leads/" + lead.id())).body(lead);
    }

    @Operation(summary = "Replace a lead", description = """
            Replaces the whole lead: a field left out is cleared (doNotCall excepted, which a body without it keeps). \
            To turn do-not-call on or off alone, use PUT /api/leads/{id}/do-not-call.""")
    @PutMapping("/{id}")
    ResponseEntity<Lead> replace(@PathVariable long id, @RequestBody LeadRequest request) {
        return ResponseEntity.of(leads.replace(id, request));
    }

    /** Body of {@code PUT /api/leads/{id}/do-not-call}. */
    record DoNotCallRequest(@NotNull Boolean doNotCall) {
    }

    /**
     * Turns do-not-call on or off and nothing else: {@code PUT /api/leads/{id}} replaces the whole lead, so a body
     * with only the flag would clear the lead's other details.
     */
    @Operation(summary = "Turn a lead's do-not-call on or off, leaving its other details")
    @PutMapping("/{id}/do-not-call")
    ResponseEntity<Lead> doNotCall(@PathVariable long id, @Valid @RequestBody DoNotCallRequest request) {
        return leads.setDoNotCall(id, request.doNotCall()) ? ResponseEntity.of(leads.find(id))
                : ResponseEntity.notFound().build();
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        return leads.delete(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @Operation(summary = "Erase the lead's personal data (right to erasure) and never call the number again",
            description = """
                    In one transaction: the lead's name, phone, email, property details and collected data are removed; \
                    each of its calls loses its transcript, collected data, summary, recording URL and numbers; the \
                    webhook deliveries of those calls are dropped; its queued calls are cancelled. The lead stays as a \
                    tombstone (erasedAt set, on do-not-call) and its calls keep outcome, status, times and durations, \
                    so campaign figures still add up. Only a keyed hash of the number is kept, so a later import, API \
                    create or update with it is refused. Refused with 409 while one of its calls is live or not yet \
                    closed: retry after the call ends. Erasing an erased lead changes nothing (200, alreadyErased).""")
    @ApiResponse(responseCode = "200", description = "Erased (or erased before)", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "A call of the lead is live or not yet closed; retry after it ends",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping("/{id}/erase")
    ResponseEntity<LeadErasure.Erasure> erase(@PathVariable long id, Principal principal) {
        return ResponseEntity.of(erasure.erase(id, principal == null ? null : principal.getName()));
    }
}
