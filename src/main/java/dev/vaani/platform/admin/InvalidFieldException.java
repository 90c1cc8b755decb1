package dev.vaani.platform.admin;

import java.util.List;

/**
 * Request fields invalid in a way bean validation cannot see (e.g. a phone number); answered with 400 naming each.
 * {@link #field()} and the message are the first problem's.
 */
public class InvalidFieldException extends RuntimeException {

    /** One field and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidFieldException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    /** @param problems at least one */
    public InvalidFieldException(List<Problem> problems) {
        super(problems.getFirst().message());
        this.problems = List.copyOf(problems);
    }

    public String field() {
        return problems.getFirst().field();
    }

    public List<Problem> problems() {
        return problems;
    }
}
