package dev.vaani.crm;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    LeadController(Leads leads) {
        this.leads = leads;
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

    @ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<Lead> create(@Valid @RequestBody LeadRequest request) {
        Lead lead = leads.create(request);
        return ResponseEntity.created(URI.create("/api/leads/" + lead.id())).body(lead);
    }

    @PutMapping("/{id}")
    ResponseEntity<Lead> replace(@PathVariable long id, @Valid @RequestBody LeadRequest request) {
        return ResponseEntity.of(leads.replace(id, request));
    }

    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        return leads.delete(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @ExceptionHandler(Leads.CannotDeleteException.class)
    ProblemDetail cannotDelete(Leads.CannotDeleteException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Leads.DuplicateLeadException.class)
    ProblemDetail duplicate(Leads.DuplicateLeadException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
