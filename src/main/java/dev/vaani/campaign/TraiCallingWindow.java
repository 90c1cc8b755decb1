package dev.vaani.campaign;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalTime;
import java.util.List;

/**
 * {@link CallingWindow#refusals} as a bean-validation constraint, so the API's request and the console's form report a
 * window outside TRAI's hours the same way, on the field at fault. An absent time takes the default (09:00 or 21:00).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TraiCallingWindow.Check.class)
public @interface TraiCallingWindow {

    String message() default "calling window outside TRAI's hours";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The names the start and end go by where this is used (the console's form names them differently). */
    String startField() default "callingWindowStart";

    String endField() default "callingWindowEnd";

    /** What carries a calling window. */
    interface Fields {
        LocalTime callingWindowStart();

        LocalTime callingWindowEnd();
    }

    class Check implements ConstraintValidator<TraiCallingWindow, Fields> {

        private String startField;
        private String endField;

        @Override
        public void initialize(TraiCallingWindow annotation) {
            startField = annotation.startField();
            endField = annotation.endField();
        }

        @Override
        public boolean isValid(Fields value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalTime start = value.callingWindowStart() == null ? CallingWindow.EARLIEST : value.callingWindowStart();
            LocalTime end = value.callingWindowEnd() == null ? CallingWindow.LATEST : value.callingWindowEnd();
            List<CallingWindow.Refusal> refusals = CallingWindow.refusals(start, end);
            context.disableDefaultConstraintViolation();
            refusals.forEach(r -> context.buildConstraintViolationWithTemplate(escape(r.message()))
                    .addPropertyNode(r.onEnd() ? endField : startField).addConstraintViolation());
            return refusals.isEmpty();
        }

        /** The messages are plain text, not message templates. */
        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
