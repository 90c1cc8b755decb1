package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A campaign's script may leave parts out, which then are the default script's in the campaign's language, whether
 * sent now or stored before that rule; what it lists as questions must be askable.
 */
class CampaignScriptDefaultsTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String PARKING = "{\"key\":\"parking\",\"question\":\"Do you need covered parking?\",\"required\":true}";
    private static final CampaignScript ENGLISH = CampaignScript.defaultRealEstate();

    private ResponseEntity<Map<String, Object>> create(String fieldsJson) {
        return api().post().uri("/api/campaigns").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Script " + UUID.randomUUID() + "\"" + fieldsJson + "}").retrieve().toEntity(JSON);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> script(ResponseEntity<Map<String, Object>> response) {
        return (Map<String, Object>) response.getBody().get("script");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> questionKeys(Map<String, Object> script) {
        return ((List<Map<String, Object>>) script.get("qualificationFields")).stream().map(f -> f.get("key")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> onlyError(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return ((List<Map<String, String>>) response.getBody().get("errors")).getFirst();
    }

    private ResponseEntity<Map<String, Object>> get(Object id) {
        return api().get().uri("/api/campaigns/{id}", id).retrieve().toEntity(JSON);
    }

    @Test
    void aScriptWithOnlyAQuestionGetsTheDefaultPersonaGreetingPurposeAndClosing() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"qualificationFields\":[" + PARKING + "]}");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(script(created)).containsEntry("agentName", ENGLISH.agentName())
                .containsEntry("companyName", ENGLISH.companyName()).containsEntry("greeting", ENGLISH.greeting())
                .containsEntry("purpose", ENGLISH.purpose()).containsEntry("closing", ENGLISH.closing());
        assertThat(questionKeys(script(created))).containsExactly("parking");
    }

    @Test
    void anEmptyScriptIsTheDefaultScript() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{}");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(script(created)).containsEntry("greeting", ENGLISH.greeting());
        assertThat(questionKeys(script(created)))
                .containsExactly("property_type", "location", "budget", "timeline", "purpose", "financing");
    }

    @Test
    void aScriptWithOnlyAGreetingAsksTheDefaultQuestions() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"greeting\":\"Hello {name}, is this a good time?\"}");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(script(created)).containsEntry("greeting", "Hello {name}, is this a good time?");
        assertThat(questionKeys(script(created))).hasSize(6).startsWith("property_type");
        assertThat(created.getBody().get("qualificationFields")).asInstanceOf(
                LIST).hasSize(6);
    }

    @Test
    void aHindiCampaignsLeftOutLinesAreTheHindiDefaults() {
        ResponseEntity<Map<String, Object>> created = create(
                ",\"language\":\"hi\",\"script\":{\"qualificationFields\":[" + PARKING + "]}");

        CampaignScript hindi = CampaignScript.defaultRealEstate(Language.HINDI);
        assertThat(script(created)).containsEntry("greeting", hindi.greeting()).containsEntry("closing", hindi.closing());
    }

    @Test
    void replacingTheScriptWithOnlyAQuestionLeavesTheDefaultGreetingAndClosingNotNone() {
        Object id = create(",\"script\":{\"greeting\":\"Hello {name}!\",\"closing\":\"Bye!\"}").getBody().get("id");

        ResponseEntity<Map<String, Object>> replaced = api().put().uri("/api/campaigns/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"Whitefield " + UUID.randomUUID() + "\",\"script\":{\"qualificationFields\":["
                        + "{\"key\":\"budget\",\"question\":\"Budget?\"}]}}").retrieve().toEntity(JSON);

        assertThat(replaced.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(script(replaced)).containsEntry("greeting", ENGLISH.greeting())
                .containsEntry("closing", ENGLISH.closing());
    }

    @Test
    void aScriptThatListsNoQuestionsIsRefused() {
        ResponseEntity<Map<String, Object>> created = create(
                ",\"script\":{\"greeting\":\"Hello {name}, is this a good time?\",\"qualificationFields\":[]}");

        assertThat(onlyError(created)).containsEntry("field", "script.qualificationFields")
                .containsEntry("message", "a campaign must ask at least one question");
    }

    @Test
    void aQuestionWithNoWordsIsRefusedNamingIt() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"qualificationFields\":[" + PARKING
                + ",{\"key\":\"budget\",\"question\":\" \"}]}");

        assertThat(onlyError(created)).containsEntry("field", "script.qualificationFields[1].question")
                .containsEntry("message", "must say how the agent asks it");
    }

    @Test
    void aNullQuestionIsRefusedNamingItsPlace() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"qualificationFields\":[" + PARKING + ",null]}");

        assertThat(onlyError(created)).containsEntry("field", "script.qualificationFields[1]");
    }

    @Test
    void aQuestionWithNoKeyIsRefusedNamingIt() {
        ResponseEntity<Map<String, Object>> created = create(
                ",\"script\":{\"qualificationFields\":[{\"key\":\"\",\"question\":\"Budget?\"}]}");

        assertThat(onlyError(created)).containsEntry("field", "script.qualificationFields[0].key");
    }

    @Test
    void twoQuestionsFindingOutTheSameKeyAreRefusedNamingTheSecond() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"qualificationFields\":[" + PARKING
                + ",{\"key\":\"parking\",\"question\":\"Any parking needs?\"}]}");

        assertThat(onlyError(created)).containsEntry("field", "script.qualificationFields[1].key")
                .satisfies(e -> assertThat(e.get("message")).contains("parking"));
    }

    @Test
    void aGreetingLongerThanAnyCallerWouldListenToIsRefusedNamingItsLimit() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"greeting\":\"" + "y".repeat(500_000) + "\"}");

        assertThat(onlyError(created)).containsEntry("field", "script.greeting")
                .containsEntry("message", "at most 1000 characters (this has 500000)");
    }

    @Test
    void aQuestionLongerThanItsLimitIsRefusedNamingItsPlace() {
        ResponseEntity<Map<String, Object>> created = create(",\"script\":{\"qualificationFields\":[" + PARKING
                + ",{\"key\":\"budget\",\"question\":\"" + "Budget? ".repeat(100) + "\"}]}");

        assertThat(onlyError(created)).containsEntry("field", "script.qualificationFields[1].question");
    }

    private long stored(String scriptJson, String keysJson) {
        return jdbc.sql("""
                INSERT INTO campaigns (name, language, script, qualification_fields)
                VALUES (?, 'en', CAST(? AS jsonb), CAST(? AS jsonb)) RETURNING id""")
                .params("Stored " + UUID.randomUUID(), scriptJson, keysJson).query(Long.class).single();
    }

    @Test
    void aCampaignStoredWithoutAGreetingIsReadWithTheDefaultOne() {
        long id = stored("{\"language\":\"en\",\"qualificationFields\":[" + PARKING + "],\"localities\":[]}", "[\"parking\"]");

        Map<String, Object> script = script(get(id));

        assertThat(script).containsEntry("greeting", ENGLISH.greeting()).containsEntry("closing", ENGLISH.closing());
        assertThat(questionKeys(script)).containsExactly("parking");
    }

    @Test
    void aCampaignStoredWithNoQuestionsAsksTheDefaultOnes() {
        long id = stored("{\"language\":\"en\",\"greeting\":\"Hello {name}, is this a good time?\",\"qualificationFields\":[]}", "[]");

        ResponseEntity<Map<String, Object>> campaign = get(id);

        assertThat(questionKeys(script(campaign))).hasSize(6).startsWith("property_type");
        assertThat(campaign.getBody().get("qualificationFields")).asInstanceOf(
                LIST).hasSize(6);
    }
}
