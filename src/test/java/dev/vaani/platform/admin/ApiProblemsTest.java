package dev.vaani.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API answers a missing resource and a wrongly typed JSON field with problem details that say what is wrong. */
class ApiProblemsTest extends VaaniIntegrationTest {

    private static final JsonMapper JSON = new JsonMapper();

    @Autowired JsonMapper applicationJson;

    private static JsonNode problem(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return JSON.readTree(response.getBody());
    }

    private ResponseEntity<String> createCampaign(String json) {
        return api().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(String.class);
    }

    @Test
    void anUnknownCallIsAProblemDetailNamingIt() {
        JsonNode problem = problem(api().get().uri("/api/calls/CAnonexistent").retrieve().toEntity(String.class), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("call CAnonexistent not found");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/calls/CAnonexistent");
    }

    @Test
    void anUnknownCampaignIsAProblemDetailNamingIt() {
        JsonNode problem = problem(api().get().uri("/api/campaigns/999999999").retrieve().toEntity(String.class), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("campaign 999999999 not found");
    }

    @Test
    void theResultsOfAnUnknownCampaignAreAProblemDetailTooNotAnEmptyFile() {
        JsonNode problem = problem(api().get().uri("/api/campaigns/999999999/results.csv").retrieve()
                .toEntity(String.class), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("campaign 999999999 not found");
    }

    @Test
    void aWordWhereANumberBelongsNamesTheFieldAndWhatItMustBe() {
        JsonNode problem = problem(createCampaign("{\"name\":\"Typed\",\"maxConcurrentCalls\":\"lots\"}"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("Field maxConcurrentCalls must be a whole number");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("maxConcurrentCalls");
    }

    @Test
    void anImpossibleTimeNamesTheFieldAndTheFormat() {
        JsonNode problem = problem(createCampaign("{\"name\":\"Typed\",\"callingWindowStart\":\"25:00\"}"), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("callingWindowStart");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("HH:mm");
    }

    @Test
    void malformedJsonIsStillABadRequestWithoutEchoingIt() {
        JsonNode problem = problem(createCampaign("{\"name\": secret-looking-garbage"), 400);

        assertThat(problem.toString()).doesNotContain("secret-looking-garbage");
    }

    @Test
    void aNegativePageIsABadRequestNamingTheParameter() {
        JsonNode problem = problem(api().get().uri("/api/calls?page=-1").retrieve().toEntity(String.class), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("page");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("0");
    }

    @Test
    void aCallStatusNoCallCanHaveIsABadRequestNamingTheValuesNotAnEmptyList() {
        JsonNode problem = problem(api().get().uri("/api/calls?status=bogus").retrieve().toEntity(String.class), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("status");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("no-answer").contains("completed");
    }

    @Test
    void aCallOutcomeNoCallCanHaveIsABadRequestNamingTheValues() {
        JsonNode problem = problem(api().get().uri("/api/calls?outcome=nonsense").retrieve().toEntity(String.class), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("outcome");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("not_interested");
    }

    @Test
    void aPageSizeOutOfRangeIsABadRequestNamingTheParameter() {
        JsonNode problem = problem(api().get().uri("/api/leads?size=501").retrieve().toEntity(String.class), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("size");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("500");
    }

    @Test
    void anUnknownWebhookDeliveryIsNamedInTheSingular() {
        JsonNode problem = problem(api().post().uri("/api/webhook-deliveries/999999999/replay").retrieve()
                .toEntity(String.class), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("webhook-delivery 999999999 not found");
    }

    @Test
    void aTimeWithoutItsOffsetNamesTheParameterAndTheFormat() {
        JsonNode problem = problem(api().get().uri("/api/calls?from=2026-12-01T00:00:00").retrieve()
                .toEntity(String.class), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("from");
        assertThat(problem.path("errors").get(0).path("message").asString()).contains("offset").contains("%2B");
    }

    @Test
    void aWordWhereANumberBelongsInTheQueryNamesTheParameterWithoutRepeatingIt() {
        JsonNode problem = problem(api().get().uri("/api/calls?campaignId=secret-looking").retrieve()
                .toEntity(String.class), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("campaignId");
        assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo("must be a whole number");
        assertThat(problem.toString()).doesNotContain("secret-looking");
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedNotTruncated() {
        JsonNode problem = problem(createCampaign("{\"name\":\"Float\",\"maxConcurrentCalls\":2.7}"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("Field maxConcurrentCalls must be a whole number");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("maxConcurrentCalls");
    }

    /** "3" is not 3: a form or spreadsheet that quotes its numbers would otherwise set whatever the text parses to. */
    @Test
    void quotedDigitsWhereAWholeNumberBelongsAreRefused() {
        JsonNode problem = problem(createCampaign("{\"name\":\"Quoted\",\"maxConcurrentCalls\":\"3\"}"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("Field maxConcurrentCalls must be a whole number");
    }

    @Test
    void quotedTrueWhereTrueOrFalseBelongsIsRefused() {
        ResponseEntity<String> response = api().post().uri("/api/leads").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Quoted Flag\",\"phone\":\"+919800000731\",\"doNotCall\":\"true\"}")
                .retrieve().toEntity(String.class);

        JsonNode problem = problem(response, 400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("doNotCall");
    }

    /** Two objects pasted one after the other: the second is not silently dropped. */
    @Test
    void contentAfterTheBodysObjectIsRefused() {
        JsonNode problem = problem(createCampaign("{\"name\":\"First\"} {\"name\":\"Second\"}"), 400);

        assertThat(problem.path("detail").asString()).startsWith("The body is not valid JSON");
    }

    @Test
    void aNumberWhereTextBelongsNamesTheFieldAndWhatItMustBe() {
        JsonNode problem = problem(createCampaign("{\"name\":123}"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("Field name must be text");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void aNumberTooBigForItsFieldNamesTheFieldAndTheRange() {
        JsonNode problem = problem(createCampaign("{\"name\":\"Huge\",\"retryMaxAttempts\":99999999999}"), 400);

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("retryMaxAttempts");
        assertThat(problem.path("errors").get(0).path("message").asString())
                .isEqualTo("must be a whole number from -2147483648 to 2147483647");
        assertThat(problem.toString()).doesNotContain("99999999999");
    }

    @Test
    void malformedJsonIsSaidToBeNotJsonWithWhereItBroke() {
        JsonNode problem = problem(createCampaign("{\"name\": secret-looking-garbage"), 400);

        assertThat(problem.path("detail").asString()).startsWith("The body is not valid JSON").contains("line 1, column");
    }

    @Test
    void aNullBodyIsRefusedSayingWhatTheBodyMustBe() {
        JsonNode problem = problem(createCampaign("null"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("The body must be a JSON object");
    }

    @Test
    void aListWhereTheBodysObjectBelongsIsRefusedSayingWhatTheBodyMustBe() {
        JsonNode problem = problem(createCampaign("[]"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("The body must be a JSON object");
    }

    /** What Exotel and the speech providers send carries fields we do not know: only API bodies are read strictly. */
    @Test
    void theApplicationsOwnJsonMapperStillTakesFieldsItDoesNotKnow() {
        ProviderAnswer answer = applicationJson.readValue("{\"status\":\"ok\",\"addedLater\":1}", ProviderAnswer.class);

        assertThat(answer.status()).isEqualTo("ok");
    }

    record ProviderAnswer(String status) {
    }
}
