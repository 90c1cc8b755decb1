package dev.vaani.platform.admin;

/** A field's value is taken by another record (a unique name); answered with 409 naming the field. */
public class ConflictingFieldException extends InvalidFieldException {

    public ConflictingFieldException(String field, String message) {
        super(field, message);
    }
}
