package dev.vaani.crm;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A lead to create or replace. The phone may be typed any common way; it is stored in E.164. Free text refuses
 * control characters (line breaks, tabs): they split exported rows and hide text in prompts.
 */
public record LeadRequest(@Size(max = 200) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String name,
                          @NotBlank(message = "phone is required") @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String phone,
                          @Email @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String email,
                          @Size(max = 100) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String propertyType,
                          @Size(max = 200) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String location,
                          @Size(max = 100) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String budget,
                          @Size(max = 100) @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String source,
                          Boolean doNotCall,
                          @Pattern(regexp = NO_CONTROL, message = CONTROL_MESSAGE) String timeZone) {

    /** No C0, DEL or C1 control character anywhere (a null value passes: @Pattern ignores nulls). */
    public static final String NO_CONTROL = "[^\\p{Cc}]*";
    public static final String CONTROL_MESSAGE = "must not contain control characters (line breaks, tabs)";
}
