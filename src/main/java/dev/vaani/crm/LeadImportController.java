package dev.vaani.crm;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.nio.charset.Charset;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** POST /api/leads/import: a multipart file (part "file") or a text/csv body; CSV, not an Excel workbook. */
@RestController
@RequestMapping("/api/leads/import")
class LeadImportController {

    private final LeadImport leadImport;
    private final JdbcClient jdbc;

    LeadImportController(LeadImport leadImport, JdbcClient jdbc) {
        this.leadImport = leadImport;
        this.jdbc = jdbc;
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<?> importFile(@RequestPart("file") MultipartFile file,
                                 @RequestParam(required = false) Long campaignId,
                                 @RequestParam(defaultValue = "false") boolean partial) throws IOException {
        return run(file.getBytes(), partCharset(file.getContentType()), campaignId, partial);
    }

    /** The charset a file part names, if any (curl and browsers name none: the bytes then decide, see CsvUploads). */
    private static Charset partCharset(String contentType) {
        try {
            return contentType == null ? null : MediaType.parseMediaType(contentType).getCharset();
        } catch (IllegalArgumentException unreadable) { // a malformed type or an unknown charset: let the bytes decide
            return null;
        }
    }

    /**
     * The body is in the charset its Content-Type names; without one (HTTP's ISO-8859-1 default mangles names), UTF-8
     * when the bytes are UTF-8, else Windows-1252 (see CsvUploads).
     */
    @PostMapping(consumes = {"text/csv", "text/plain"})
    ResponseEntity<?> importBody(@RequestBody byte[] csv,
                                 @RequestHeader(org.springframework.http.HttpHeaders.CONTENT_TYPE) MediaType type,
                                 @RequestParam(required = false) Long campaignId,
                                 @RequestParam(defaultValue = "false") boolean partial) {
        return run(csv, type.getCharset(), campaignId, partial);
    }

    /**
     * Neither of the above, most often a form sent without its file: without this, Spring answers 415 "Content-Type
     * 'null' is not supported", which does not say what is missing.
     */
    @Hidden
    @PostMapping
    ResponseEntity<ProblemDetail> noFile(@RequestHeader(name = org.springframework.http.HttpHeaders.CONTENT_TYPE,
            required = false) String type) {
        HttpStatus status = type == null ? HttpStatus.BAD_REQUEST : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, "The leads file is required: "
                + "send it as the multipart/form-data part named 'file' (curl -F file=@leads.csv), or as a text/csv body"));
    }

    private ResponseEntity<?> run(byte[] file, Charset declared, Long campaignId, boolean partial) {
        if (campaignId != null && jdbc.sql("SELECT count(*) FROM campaigns WHERE id = ?").param(campaignId)
                .query(Integer.class).single() == 0) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No campaign " + campaignId));
        }
        ImportResult result;
        try {
            result = leadImport.importCsv(CsvUploads.decode(file, declared), campaignId, partial);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
        }
        if (!result.imported()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    result.errors().size() + " bad row(s); nothing imported. Fix them, or send ?partial=true to import the good rows.");
            problem.setProperty("errors", result.errors());
            problem.setProperty("skipped", result.skipped());
            return ResponseEntity.unprocessableEntity().body(problem);
        }
        return ResponseEntity.ok(result);
    }
}
