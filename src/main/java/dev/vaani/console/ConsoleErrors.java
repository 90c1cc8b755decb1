package dev.vaani.console;

import dev.vaani.platform.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Console pages answer errors with a page in the console's look, not the API's JSON problem details. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    /** A browser's event stream timed out or the browser went away; it reconnects by itself if still open. */
    @ExceptionHandler({org.springframework.web.context.request.async.AsyncRequestTimeoutException.class,
            org.springframework.web.context.request.async.AsyncRequestNotUsableException.class})
    void streamTimedOut() {
    }

    @ExceptionHandler(Exception.class)
    String error(Exception e, HttpServletResponse response, Model model) {
        HttpStatusCode status = e instanceof ErrorResponse known ? known.getStatusCode()
                : e instanceof MethodArgumentTypeMismatchException ? HttpStatus.NOT_FOUND
                // parameters the container could not parse: the caller's mistake, and no stack trace quoting them
                : e instanceof InvalidParameterException ? HttpStatus.BAD_REQUEST
                : DatabaseUnavailable.is(e) ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            log.warn("Console page answered 503: the database is unavailable ({})", DatabaseUnavailable.reason(e));
        } else if (status.is5xxServerError()) {
            log.error("Console page failed", e);
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("message", status.value() == 404 ? "There is nothing here; it may have been deleted."
                : status.is4xxClientError() ? "That request was not understood."
                : status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() ? "The database is not answering; try again in a moment."
                : "Something went wrong on the server; the log has the details.");
        model.addAttribute("page", "");
        return "problem";
    }
}
