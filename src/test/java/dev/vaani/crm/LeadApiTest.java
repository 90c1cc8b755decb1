package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallRecordStore;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

class LeadApiTest extends VaaniIntegrationTest {

    @Autowired CallRecordStore callStore;

    @Test
    void theCallsFromALeadsNumberAreListedForTheLeadAsTheLeadsPageListsThem() {
        String phone = uniquePhone();
        Lead lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Calls Back", "phone", phone)).retrieve().body(Lead.class);
        String sid = "back-" + UUID.randomUUID();
        callStore.started(sid, "MZ" + sid, null, null, "inbound", "0" + phone.substring(3), "+918047491899", 8000,
                Instant.now());

        List<Map<String, Object>> fromNumber = api().get().uri("/api/leads/" + lead.id() + "/calls-from-number")
                .retrieve().body(new ParameterizedTypeReference<>() { });

        assertThat(fromNumber).extracting(call -> call.get("callSid")).containsExactly(sid);
        assertThat(fromNumber.getFirst()).containsEntry("direction", "inbound").containsEntry("fromNumber", phone);
        assertThat(api().get().uri("/api/leads/999999999/calls-from-number").retrieve().toEntity(String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void apiNeedsTheKey() {
        assertThat(anonymous().get().uri("/api/leads").retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous().get().uri("/api/leads").header("X-API-Key", "wrong").retrieve().toEntity(String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().get().uri("/api/leads").retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(anonymous().get().uri("/api/leads").header("Authorization", "Bearer " + adminApiKey.value())
                .retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void healthStatusNeedsNoKeyButTheApiDocsDo() {
        assertThat(anonymous().get().uri("/actuator/health").retrieve().toEntity(String.class).getStatusCode().value())
                .isNotEqualTo(401);
        assertThat(anonymous().get().uri("/v3/api-docs").retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api().get().uri("/v3/api-docs").retrieve().toEntity(String.class).getBody()).contains("/api/leads/import");
    }

    @Test
    void createsALeadWithItsPhoneInE164() {
        String local = "0" + uniquePhone().substring(3);

        ResponseEntity<Lead> response = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Asha Rao", "phone", local)).retrieve().toEntity(Lead.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().phone()).isEqualTo("+91" + local.substring(1));
    }

    @Test
    void anUpdateThatDoesNotMentionDoNotCallKeepsIt() {
        String phone = uniquePhone();
        Lead lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Opted Out", "phone", phone, "doNotCall", true)).retrieve().body(Lead.class);

        Lead renamed = api().put().uri("/api/leads/" + lead.id()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Opted Out Renamed", "phone", "0" + phone.substring(3))).retrieve().body(Lead.class);

        assertThat(renamed.name()).isEqualTo("Opted Out Renamed");
        assertThat(renamed.doNotCall()).as("the lead asked not to be called; a rename does not undo it").isTrue();
        Lead allowed = api().put().uri("/api/leads/" + lead.id()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Opted Out Renamed", "phone", phone, "doNotCall", false)).retrieve().body(Lead.class);
        assertThat(allowed.doNotCall()).as("the broker turning it off on purpose").isFalse();
    }

    @Test
    void aMisspelledDoNotCallIsRefusedNamingTheFieldAndTheLeadIsLeftAsItWas() {
        String phone = uniquePhone();
        Lead lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Typo", "phone", phone)).retrieve().body(Lead.class);

        ResponseEntity<Map<String, Object>> response = api().put().uri("/api/leads/" + lead.id())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Typo Renamed\",\"phone\":\"" + phone + "\",\"doNotCal\":true}")
                .retrieve().toEntity(new ParameterizedTypeReference<>() { });

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("detail", "Field doNotCal is not a field of this request");
        assertThat(response.getBody().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST).singleElement()
                .isEqualTo(Map.of("field", "doNotCal", "message", "is not a field of this request"));
        assertThat(api().get().uri("/api/leads/" + lead.id()).retrieve().body(Lead.class).name()).isEqualTo("Typo");
    }

    /** One answer names every field at fault, not the first and then the next once that is mended. */
    @Test
    void everyFieldAtFaultIsNamedInOneAnswer() {
        ResponseEntity<Map<String, Object>> response = api().post().uri("/api/leads")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Three Mistakes", "phone", "12345", "email", "not-an-email",
                        "timeZone", "Nowhere/Land"))
                .retrieve().toEntity(new ParameterizedTypeReference<>() { });

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST)
                .extracting(error -> (Object) ((Map<?, ?>) error).get("field"))
                .containsExactlyInAnyOrder("phone", "email", "timeZone");
    }

    @Test
    void doNotCallIsTurnedOffAloneLeavingTheLeadsOtherDetails() {
        Lead lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Opted Out", "phone", uniquePhone(), "email", "opted@example.com", "budget", "50L",
                        "doNotCall", true)).retrieve().body(Lead.class);

        Lead allowed = api().put().uri("/api/leads/" + lead.id() + "/do-not-call").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("doNotCall", false)).retrieve().body(Lead.class);

        assertThat(allowed.doNotCall()).isFalse();
        assertThat(allowed.email()).isEqualTo("opted@example.com");
        assertThat(allowed.budget()).isEqualTo("50L");
    }

    @Test
    void doNotCallNeedsToBeSaid() {
        Lead lead = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Unsaid", "phone", uniquePhone())).retrieve().body(Lead.class);

        ResponseEntity<String> response = api().put().uri("/api/leads/" + lead.id() + "/do-not-call")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("doNotCall");
        assertThat(api().put().uri("/api/leads/999999999/do-not-call").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("doNotCall", true)).retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void invalidPhoneAndEmailAreFieldErrors() {
        ResponseEntity<String> badPhone = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("phone", "12345")).retrieve().toEntity(String.class);
        ResponseEntity<String> missing = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "not-an-email")).retrieve().toEntity(String.class);

        assertThat(badPhone.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badPhone.getBody()).contains("\"field\":\"phone\"");
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody()).contains("\"field\":\"phone\"").contains("\"field\":\"email\"");
    }

    @Test
    void aPhoneWithLettersIsAFieldErrorNotAKeypadNumber() {
        String digits = uniquePhone().substring(3, 9);

        ResponseEntity<String> response = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Letters", "phone", digits + "ADGJ")).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("\"field\":\"phone\"").contains("phone contains letters: XXXXXXADGJ");
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param("+91" + digits + "2345") // keypad digits
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aNumberOfAnotherCountryIsAFieldError() {
        ResponseEntity<String> response = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Sam", "phone", "+14155550100")).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("only Indian (+91) numbers can be called: +14XXXXX0100");
    }

    @Test
    void csvWithABadRowImportsNothingByDefault() {
        String good = uniquePhone();
        String csv = "Full Name,Mobile,City\nRavi,%s,Pune\nBroken,12,Delhi\n".formatted(good);

        ResponseEntity<String> response = api().post().uri("/api/leads/import").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv).retrieve().toEntity(String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(response.getBody()).contains("\"row\":3");
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(good).query(Integer.class).single()).isZero();
    }

    @Test
    void partialImportTakesTheGoodRowsAndMergesDuplicates() {
        String first = uniquePhone();
        String existing = uniquePhone();
        long existingId = insertLead("Existing", existing);
        String csv = """
                name,phone,email,property_type,location,budget,source
                Meera,%s,,2BHK,,80L,website
                "Meera K",%s,meera@example.com,,"Whitefield, Bangalore",,
                ,%s,,villa,,,
                Nobody,not-a-phone,,,,,
                """.formatted(first, first.replace("+91", "0"), existing);
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(csv.getBytes()) {
            @Override
            public String getFilename() {
                return "leads.csv";
            }
        });

        ResponseEntity<ImportResult> response = api().post().uri("/api/leads/import?partial=true")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().toEntity(ImportResult.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).satisfies(r -> {
            assertThat(r.created()).isEqualTo(1);
            assertThat(r.merged()).isEqualTo(2);
            assertThat(r.skipped()).isEqualTo(1);
            assertThat(r.errors()).extracting(ImportResult.RowError::row).containsExactly(5);
        });
        Map<String, Object> merged = jdbc.sql("SELECT name, email, location, property_type FROM leads WHERE phone = ?")
                .param(first).query().singleRow();
        assertThat(merged).containsEntry("name", "Meera").containsEntry("email", "meera@example.com")
                .containsEntry("location", "Whitefield, Bangalore").containsEntry("property_type", "2BHK");
        assertThat(jdbc.sql("SELECT name, property_type FROM leads WHERE id = ?").param(existingId).query().singleRow())
                .containsEntry("name", "Existing").containsEntry("property_type", "villa");
    }

    @Test
    void deletingALeadWithACallIsRefusedAndTheCallKeepsItsLead() {
        long lead = insertLead("Called Once", uniquePhone());
        String sid = "lead-del-" + java.util.UUID.randomUUID();
        jdbc.sql("INSERT INTO call_sessions (call_sid, lead_id, status, final_outcome) VALUES (?, ?, 'completed', 'qualified')")
                .params(sid, lead).update();

        ResponseEntity<String> deleted = api().delete().uri("/api/leads/{id}", lead).retrieve().toEntity(String.class);

        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(deleted.getBody()).contains("has 1 call(s)").contains("doNotCall");
        assertThat(jdbc.sql("SELECT lead_id FROM call_sessions WHERE call_sid = ?").param(sid).query(Long.class).single())
                .isEqualTo(lead);
    }

    @Test
    void aLeadNeverCalledIsDeleted() {
        long lead = insertLead("Imported By Mistake", uniquePhone());

        assertThat(api().delete().uri("/api/leads/{id}", lead).retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api().delete().uri("/api/leads/{id}", lead).retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
