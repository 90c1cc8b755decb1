package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import dev.vaani.fakes.FakeOpenAi;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole qualification call with the real Deepgram, OpenAI and ElevenLabs clients against their fakes: the caller
 * gives property type, location and budget, the agent saves them with tool calls streamed in fragments and ends the
 * call as qualified; PostgreSQL, the lead and the Redis session hold the normalised data.
 */
class CloudCallQualificationTest extends CloudCallTest {

    @Test
    void qualifiesALeadThroughTheCloudProviders() throws Exception {
        String phone = uniquePhone();
        long leadId = insertLead("Priya Sharma", phone);
        String callSid = newCallSid();
        deepgram.script(YES_GOOD_TIME, TWO_BHK, WHITEFIELD, BUDGET, YES_RIGHT);
        openai.respondWith(CloudCallTest::agent);
        Scenario scenario = Scenario.builder("cloud qualification")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("whitefield.wav"))
                .waitForBotToFinish(800)
                .say(clip("budget.wav"))
                .waitForBotToFinish(800)
                .say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(5)
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        CallReport report = call(scenario, leadId, callSid);

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertThat(report.malformedMessages()).isZero();
        assertThat(deepgram.unusedScript()).as("every scripted utterance was heard").isEmpty();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedOutcome(callSid)).isEqualTo("qualified"));
        Map<String, Object> row = jdbc.sql("""
                SELECT collected_data::text AS collected, transcript::text AS transcript, ended_at IS NOT NULL AS ended
                FROM call_sessions WHERE call_sid = ?""").param(callSid).query().singleRow();
        assertThat(row.get("ended")).isEqualTo(true);
        JsonNode collected = json.readTree((String) row.get("collected"));
        assertQualified(collected);

        JsonNode transcript = json.readTree((String) row.get("transcript"));
        assertThat(transcript.get(0).path("speaker").asString()).isEqualTo("ai");
        assertThat(transcript.get(0).path("text").asString()).startsWith("Hi Priya,").doesNotContain("Sharma");
        assertThat(transcript.findValuesAsString("text")).contains(TWO_BHK, WHITEFIELD, BUDGET, CLOSING);

        Map<String, Object> lead = jdbc.sql("""
                SELECT property_type, bedrooms, location, budget_min_rupees, last_outcome FROM leads WHERE id = ?""")
                .param(leadId).query().singleRow();
        assertThat((String) lead.get("property_type")).containsIgnoringCase("apartment");
        assertThat(((Number) lead.get("bedrooms")).intValue()).isEqualTo(2);
        assertThat(lead.get("location")).isEqualTo("Whitefield");
        assertThat(((Number) lead.get("budget_min_rupees")).longValue()).isBetween(4_500_000L, 5_500_000L);
        assertThat(lead.get("last_outcome")).isEqualTo("qualified");

        String session = redis.opsForValue().get("session:" + callSid);
        assertThat(session).isNotNull();
        JsonNode live = json.readTree(session);
        assertThat(live.path("final_outcome").asString()).isEqualTo("qualified");
        assertQualified(live.path("collected_data"));
        assertThat(live.path("location").asString()).isEqualTo("Whitefield");

        List<FakeOpenAi.Recorded> requests = openai.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(5);
        for (FakeOpenAi.Recorded request : requests) {
            assertThat(request.headers().get("authorization")).isEqualTo("Bearer sk-test-cloud-call");
            JsonNode body = request.body();
            assertThat(body.path("stream").asBoolean()).isTrue();
            assertThat(body.path("tools").findValuesAsString("name")).contains("save_lead_details", "end_call");
            JsonNode system = body.path("messages").get(0);
            assertThat(system.path("role").asString()).isEqualTo("system");
            assertThat(system.path("content").asString()).contains("Priya")
                    .doesNotContain(phone).doesNotContain(phone.substring(3));
        }
        assertThat(requests.getLast().body().path("messages").get(0).path("content").asString())
                .as("the prompt tells the model what is already known").contains("location=Whitefield");
        assertThat(elevenlabs.requests()).allSatisfy(r -> assertThat(r.sampleRate()).isEqualTo(8000));
        assertThat(deepgram.upgradeTargets()).isNotEmpty();
    }

    private static void assertQualified(JsonNode collected) {
        assertThat(collected.path("property_type").asString()).containsIgnoringCase("apartment");
        assertThat(collected.path("bedrooms").asInt()).isEqualTo(2);
        assertThat(collected.path("location").asString()).isEqualTo("Whitefield");
        assertThat(collected.path("budget_min_rupees").asLong()).isBetween(4_500_000L, 5_500_000L);
    }
}
