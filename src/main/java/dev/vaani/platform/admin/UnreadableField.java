package dev.vaani.platform.admin;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The field of a JSON request body that could not be read as its type, or that the request does not have, and what is
 * wrong, in the words of the API's users. The value sent is never repeated back.
 */
record UnreadableField(String field, String message) {

    /** A field name longer than this (only a mistake or an attack has one) is cut short when repeated back. */
    private static final int LONGEST_NAME = 100;

    static Optional<UnreadableField> of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PropertyBindingException unknown && !unknown.getPath().isEmpty()) {
                return Optional.of(new UnreadableField(path(unknown), "is not a field of this request"));
            }
            if (t instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return Optional.of(new UnreadableField(path(mismatch), message(expected(mismatch.getTargetType()))));
            }
            if (t instanceof InputCoercionException outOfRange && !outOfRange.getPath().isEmpty()) {
                return Optional.of(new UnreadableField(path(outOfRange), message(withRange(outOfRange.getTargetType()))));
            }
        }
        return Optional.empty();
    }

    /** A query or path parameter that could not be read as its type ({@code ?from=yesterday}). */
    static UnreadableField parameter(String name, Class<?> type) {
        String expected = expected(type);
        if (type == OffsetDateTime.class) { // a query's unencoded + arrives as a space
            expected += ", like 2026-12-01T00:00:00Z or 2026-12-01T05:30:00%2B05:30 (+ written %2B in a URL)";
        }
        return new UnreadableField(name, message(expected));
    }

    private static String message(String expected) {
        return expected == null ? "has the wrong type" : "must be " + expected;
    }

    /** A number too big (or too small) for its field: a whole number says its range. */
    private static String withRange(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return "a whole number from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        return expected(type);
    }

    /** Like {@code script.qualificationFields[0].key}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                String name = reference.getPropertyName();
                path.append(path.isEmpty() ? "" : ".")
                        .append(name.length() > LONGEST_NAME ? name.substring(0, LONGEST_NAME) + "…" : name);
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == LocalTime.class) {
            return "a time of day, HH:mm (00:00 to 23:59)";
        }
        if (type == LocalDate.class) {
            return "a date, YYYY-MM-DD";
        }
        if (type == OffsetDateTime.class) {
            return "a date and time with its offset, ISO-8601";
        }
        if (ZoneId.class.isAssignableFrom(type)) {
            return "a time zone, like Asia/Kolkata";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object (" + type.getSimpleName() + ")";
    }
}
