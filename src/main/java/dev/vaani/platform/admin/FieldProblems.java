package dev.vaani.platform.admin;

import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects what is wrong with a request, so that one answer names every field at fault rather than the first, then
 * the next once that is mended. One problem a field: the first check to refuse it speaks for it.
 */
public final class FieldProblems {

    private final Map<String, String> byField = new LinkedHashMap<>();

    /** Bean validation's refusals, by field name. */
    public <T> FieldProblems(Set<ConstraintViolation<T>> violations) {
        violations.stream().sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> add(v.getPropertyPath().toString(), v.getMessage()));
    }

    public void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /** Runs a check that refuses with {@link InvalidFieldException}; a conflict (409) is not a field problem. */
    public void check(Runnable check) {
        check(() -> {
            check.run();
            return null;
        }, null);
    }

    /** The checked value, or {@code otherwise} when the check refused it (its problems kept). */
    public <T> T check(Supplier<T> check, T otherwise) {
        try {
            return check.get();
        } catch (ConflictingFieldException conflict) {
            throw conflict;
        } catch (InvalidFieldException refused) {
            refused.problems().forEach(problem -> add(problem.field(), problem.message()));
            return otherwise;
        }
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    /** @throws InvalidFieldException naming every problem found, if any */
    public void throwIfAny() {
        if (byField.isEmpty()) {
            return;
        }
        List<InvalidFieldException.Problem> problems = new ArrayList<>();
        byField.forEach((field, message) -> problems.add(new InvalidFieldException.Problem(field, message)));
        throw new InvalidFieldException(problems);
    }
}
