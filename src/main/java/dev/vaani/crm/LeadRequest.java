package dev.vaani.crm;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A lead to create or replace. The phone may be typed any common way; it is stored in E.164. */
public record LeadRequest(@Size(max = 200) String name,
                          @NotBlank(message = "phone is required") String phone,
                          @Email String email,
                          @Size(max = 100) String propertyType,
                          @Size(max = 200) String location,
                          @Size(max = 100) String budget,
                          @Size(max = 100) String source,
                          Boolean doNotCall,
                          String timeZone) {
}
