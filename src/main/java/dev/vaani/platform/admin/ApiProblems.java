package dev.vaani.platform.admin;

import dev.vaani.platform.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * RFC 9457 problem details for the API, with an "errors" list naming each invalid field (including a JSON field of the
 * wrong type), and for an API resource that does not exist (a handler answering an empty 404).
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

    private static final String API = "/api/";

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage()))).toList();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Validation failed", errors));
    }

    /**
     * A body Jackson could not read: a field of the wrong type is named with what it must be, a field the request does
     * not have is named; a body that is not JSON says where it stops being JSON, and one that is not an object (null,
     * a list, nothing) says so. What was sent is never repeated back: it can carry a secret.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Optional<UnreadableField> unreadable = UnreadableField.of(ex.getCause());
        if (unreadable.isPresent()) {
            UnreadableField field = unreadable.get();
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                    "Field " + field.field() + " " + field.message(),
                    List.of(Map.of("field", field.field(), "message", field.message()))));
        }
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof StreamReadException malformed) {
                TokenStreamLocation where = malformed.getLocation();
                return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "The body is not valid JSON" + (where == null || where.getLineNr() < 1 ? ""
                                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")));
            }
            if (t instanceof MismatchedInputException mismatch && mismatch.getOriginalMessage() != null
                    && mismatch.getOriginalMessage().startsWith("Trailing token")) {
                return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "The body is not valid JSON: it goes on after its object; send one JSON object"));
            }
            if (t instanceof MismatchedInputException) { // at the top: null, a list, a bare value
                return notAnObject();
            }
        }
        if (ex.getCause() == null && ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            return notAnObject(); // an empty body, or null
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    private static ResponseEntity<Object> notAnObject() {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body must be a JSON object"));
    }

    /**
     * A query or path parameter of the wrong type ({@code ?from=yesterday}, {@code ?size=ten}): named with what it must
     * be, in the errors list every other 400 has; the value sent is not repeated.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        if (name == null) {
            return super.handleTypeMismatch(ex, headers, status, request);
        }
        UnreadableField parameter = UnreadableField.parameter(name, ex.getRequiredType());
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Parameter " + name + " "
                + parameter.message(), List.of(Map.of("field", name, "message", parameter.message()))));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    /**
     * An API handler's empty 404 ({@code ResponseEntity.notFound()}, {@code ResponseEntity.of(empty)}) becomes a
     * problem detail naming what was not found, from the route's last path variable ("call CA12 not found").
     */
    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body != null || !(request instanceof ServletServerHttpRequest servlet)
                || !(response instanceof ServletServerHttpResponse servletResponse)
                || servletResponse.getServletResponse().getStatus() != HttpStatus.NOT_FOUND.value()
                || !servlet.getServletRequest().getRequestURI().startsWith(API)) {
            return body;
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound(servlet.getServletRequest()));
        problem.setInstance(URI.create(servlet.getServletRequest().getRequestURI()));
        return problem;
    }

    private static String notFound(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (pattern instanceof String route && variables instanceof Map<?, ?> values) {
            String[] segments = route.split("/");
            for (int i = segments.length - 1; i > 0; i--) {
                if (segments[i].startsWith("{") && segments[i].endsWith("}") && !segments[i - 1].startsWith("{")) {
                    String what = singular(segments[i - 1]);
                    Object value = values.get(segments[i].substring(1, segments[i].length() - 1));
                    // only a plain identifier is repeated back
                    return value != null && value.toString().matches("[A-Za-z0-9_.\\-]{1,100}")
                            ? what + " " + value + " not found" : what + " not found";
                }
            }
        }
        return "Not found";
    }

    /** "campaigns" → "campaign", "webhook-deliveries" → "webhook-delivery". */
    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidFieldException e) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Validation failed",
                e.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList()));
    }

    /**
     * A query or path parameter out of its range ({@code ?page=-1}, {@code ?size=0}): the caller's mistake, so 400
     * naming the parameter, as an invalid body field is named, not a 500.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(violation -> Map.of("field", parameterName(violation), "message", violation.getMessage()))
                .sorted(java.util.Comparator.comparing(error -> error.get("field"))).toList();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Validation failed", errors));
    }

    /** The parameter's own name: the last node of "list.size". */
    private static String parameterName(ConstraintViolation<?> violation) {
        String name = null;
        for (Path.Node node : violation.getPropertyPath()) {
            name = node.getName();
        }
        return name == null ? "" : name;
    }

    @ExceptionHandler(StateConflictException.class)
    ResponseEntity<ProblemDetail> stateConflict(StateConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        if (e.title() != null) {
            problem.setTitle(e.title());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(ConflictingFieldException.class)
    ResponseEntity<ProblemDetail> conflictingField(ConflictingFieldException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, e.getMessage(),
                List.of(Map.of("field", e.field(), "message", e.getMessage()))));
    }

    /**
     * Parameters the container could not parse (a form body that is not valid percent-encoding, an empty name, too
     * many of them): the caller's mistake, not ours, so no stack trace. Its message is not repeated: it quotes the
     * parameters, which can carry a secret. (A malformed query never gets here: MalformedQueryFilter refuses it.)
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unparsableParameters(InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        status = status == null || !status.is4xxClientError() ? HttpStatus.BAD_REQUEST : status;
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status,
                "The request's parameters cannot be read (they must be valid percent-encoding of UTF-8)"));
    }

    /**
     * A multipart body the container could not read (no boundary, cut short): the sender's mistake, so 400 without a
     * stack trace. Exotel posts its status callbacks as multipart/form-data by default, and retries on a 5xx.
     * (A body over the size limit keeps its 413: its own, more specific handler.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request's multipart body cannot be read"));
    }

    /**
     * Anything unexpected: 500 with a problem detail that says nothing about the inside (no message, no stack
     * trace); the log has the whole story. PostgreSQL unreachable or not answering is not unexpected: 503 with
     * Retry-After, and one line in the log rather than a stack trace for every request while it lasts.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        if (DatabaseUnavailable.is(e)) {
            log.warn("Answered {} with 503: the database is unavailable ({})", request.getDescription(false),
                    DatabaseUnavailable.reason(e));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10")
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                            "The database is unavailable; try again shortly"));
        }
        log.error("Unexpected error answering {}", request.getDescription(false), e);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the server log has the details"));
    }

    static ProblemDetail problem(HttpStatus status, String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", errors);
        return problem;
    }
}
