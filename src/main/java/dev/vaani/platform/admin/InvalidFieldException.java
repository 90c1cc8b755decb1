package dev.vaani.platform.admin;

/** One request field is invalid in a way bean validation cannot see (e.g. a phone number); answered with 400. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
