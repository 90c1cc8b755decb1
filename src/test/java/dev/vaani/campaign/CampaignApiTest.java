package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The admin API's campaign endpoints refuse calling windows outside TRAI's hours and a name already taken. */
class CampaignApiTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private ResponseEntity<Map<String, Object>> create(String windowJson) {
        return api().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Hours " + UUID.randomUUID() + "\"" + windowJson + "}").retrieve().toEntity(JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errors(ResponseEntity<Map<String, Object>> response) {
        return (List<Map<String, String>>) response.getBody().get("errors");
    }

    @Test
    void anOvernightWindowIsRefusedNamingItsEnd() {
        ResponseEntity<Map<String, Object>> response = create(",\"callingWindowStart\":\"21:00\",\"callingWindowEnd\":\"09:00\"");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("detail", "Validation failed");
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("field", "callingWindowEnd")
                .containsEntry("message", "must be later than the start (a window cannot cross midnight)"));
    }

    @Test
    void anAllDayWindowIsRefusedNamingBothTimesAndTrai() {
        ResponseEntity<Map<String, Object>> response = create(",\"callingWindowStart\":\"00:00\",\"callingWindowEnd\":\"23:59\"");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("callingWindowStart", "callingWindowEnd");
        assertThat(errors(response)).allSatisfy(e -> assertThat(e.get("message")).contains("TRAI", "09:00", "21:00"));
    }

    @Test
    void qualificationFieldsChooseWhatTheAgentAsksForAndInWhatOrder() {
        ResponseEntity<Map<String, Object>> response = create(",\"qualificationFields\":[\"budget\",\"location\"]");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("qualificationFields")).isEqualTo(List.of("budget", "location"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> asked = (List<Map<String, Object>>) ((Map<String, Object>) response.getBody()
                .get("script")).get("qualificationFields");
        assertThat(asked).extracting(f -> f.get("key")).containsExactly("budget", "location");
    }

    @Test
    void aQualificationFieldTheScriptDoesNotHaveIsRefusedNamingTheOnesItHas() {
        ResponseEntity<Map<String, Object>> response = create(",\"qualificationFields\":[\"budget\",\"pets\"]");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("field", "qualificationFields")
                .satisfies(m -> assertThat((String) m.get("message")).contains("property_type", "timeline")));
    }

    @Test
    void onlyARunningCampaignCanBePaused() {
        Object id = create("").getBody().get("id");
        api().post().uri("/api/campaigns/{id}/stop", id).retrieve().toBodilessEntity();

        ResponseEntity<Map<String, Object>> paused = api().post().uri("/api/campaigns/{id}/pause", id).retrieve().toEntity(JSON);

        assertThat(paused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) paused.getBody().get("detail")).contains("this one is stopped");
        assertThat(api().get().uri("/api/campaigns/{id}", id).retrieve().toEntity(JSON).getBody())
                .containsEntry("status", "stopped");
    }

    @Test
    void aWindowInsideTraiHoursIsSaved() {
        ResponseEntity<Map<String, Object>> response = create(",\"callingWindowStart\":\"10:00\",\"callingWindowEnd\":\"20:30\"");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().get("callingWindowStart")).asString().startsWith("10:00");
        assertThat(response.getBody().get("callingWindowEnd")).asString().startsWith("20:30");
    }

    @Test
    void replacingACampaignWithAWindowOutsideTraiHoursIsRefused() {
        Object id = create("").getBody().get("id");

        ResponseEntity<Map<String, Object>> response = api().put().uri("/api/campaigns/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Late " + UUID.randomUUID() + "\",\"callingWindowEnd\":\"22:00\"}").retrieve().toEntity(JSON);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "callingWindowEnd"));
    }

    private ResponseEntity<Map<String, Object>> named(String name) {
        return api().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"" + name + "\"}").retrieve().toEntity(JSON);
    }

    @Test
    void creatingACampaignWithATakenNameIsAConflictOnTheName() {
        String name = "Twin " + UUID.randomUUID();
        named(name);

        ResponseEntity<Map<String, Object>> response = named(name);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "name")
                .containsEntry("message",
                        "A campaign with this name already exists (names that differ only in capitals are the same)"));
    }

    @Test
    void aNameThatDiffersOnlyInCapitalsIsTakenToo() {
        String suffix = UUID.randomUUID().toString();
        assertThat(named("Powai Launch " + suffix).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<Map<String, Object>> response = named("powai launch " + suffix.toUpperCase());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "name"));
    }

    @Test
    void aCampaignCanChangeTheCapitalsOfItsOwnName() {
        String suffix = UUID.randomUUID().toString();
        Object id = named("Bandra Launch " + suffix).getBody().get("id");

        ResponseEntity<Map<String, Object>> response = api().put().uri("/api/campaigns/{id}", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"name\":\"BANDRA LAUNCH " + suffix + "\"}").retrieve()
                .toEntity(JSON);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsEntry("name", "BANDRA LAUNCH " + suffix);
    }

    @Test
    void renamingACampaignToATakenNameIsAConflictOnTheName() {
        String taken = "Taken " + UUID.randomUUID();
        named(taken);
        Object id = named("Other " + UUID.randomUUID()).getBody().get("id");

        ResponseEntity<Map<String, Object>> response = api().put().uri("/api/campaigns/{id}", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"name\":\"" + taken + "\"}").retrieve().toEntity(JSON);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e).containsEntry("field", "name"));
    }

    @Test
    void moreCallsAtOnceThanTheServerTakesLiveIsRefusedOnThatField() {
        ResponseEntity<Map<String, Object>> created = create(",\"maxConcurrentCalls\":1000"); // MAX_LIVE_CALLS: 200

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(created)).singleElement().satisfies(error -> assertThat(error)
                .containsEntry("field", "maxConcurrentCalls")
                .containsEntry("message", "must be at most 200, the live calls this server takes (MAX_LIVE_CALLS)"));
    }

    /** One answer names every field at fault, not the first and then the next once that is mended. */
    @Test
    void everyFieldAtFaultIsNamedInOneAnswer() {
        ResponseEntity<Map<String, Object>> response = create(",\"callingWindowStart\":\"21:00\","
                + "\"callingWindowEnd\":\"09:00\",\"maxConcurrentCalls\":1000,\"timeZone\":\"Nowhere/Land\","
                + "\"language\":\"fr\",\"qualificationFields\":[\"shoe_size\"]");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.get("field")).containsExactlyInAnyOrder("callingWindowEnd",
                "maxConcurrentCalls", "timeZone", "language", "qualificationFields");
        assertThat(errors(response)).filteredOn(e -> e.get("field").equals("maxConcurrentCalls")).singleElement()
                .satisfies(e -> assertThat(e.get("message")).contains("MAX_LIVE_CALLS"));
    }

    @Test
    void asManyCallsAtOnceAsTheServerTakesLiveIsAccepted() {
        assertThat(create(",\"maxConcurrentCalls\":200").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aMisspelledFieldIsRefusedNamingItRatherThanIgnored() {
        ResponseEntity<Map<String, Object>> response = create(",\"maxConcurency\":3");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("field", "maxConcurency").containsEntry("message", "is not a field of this request"));
    }

    @Test
    void aMisspelledFieldInsideTheScriptIsNamedWithItsPath() {
        ResponseEntity<Map<String, Object>> response = create(",\"script\":{\"qualificationFields\":"
                + "[{\"key\":\"budget\",\"question\":\"Budget?\"},{\"key\":\"bhk\",\"questoin\":\"BHK?\"}]}");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("field", "script.qualificationFields[1].questoin"));
    }
}
