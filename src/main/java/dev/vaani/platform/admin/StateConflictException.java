package dev.vaani.platform.admin;

/**
 * A request the resource's present state refuses (a campaign that is running, a lead with calls, a call still open):
 * answered with 409 and the message, which says what to do instead; {@code title} names the state where the default,
 * "Conflict", says too little.
 */
public class StateConflictException extends RuntimeException {

    private final String title;

    public StateConflictException(String message) {
        this(null, message);
    }

    public StateConflictException(String title, String message) {
        super(message);
        this.title = title;
    }

    /** The problem's title, or null for the status's own. */
    public String title() {
        return title;
    }
}
