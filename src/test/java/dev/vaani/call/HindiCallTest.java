package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import dev.vaani.campaign.CampaignRequest;
import dev.vaani.campaign.Campaigns;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import dev.vaani.fakes.FakeElevenLabs;
import dev.vaani.fakes.FakeReply;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Hindi campaign's call through the running server: the recogniser (the Deepgram fake, as in Hindi mode) writes the
 * caller's answers in Devanagari, the model is down so the scripted agent (the fallback) runs the call, and the bot's
 * Hindi replies reach the synthesiser with the Hindi voice. PostgreSQL ends with the type, the English locality name
 * and a rupee range.
 */
class HindiCallTest extends CloudCallTest {

    @Autowired
    Campaigns campaigns;

    @Autowired
    CallRecordStore records;

    private static final String YES = "हाँ जी, बोलिए";
    private static final String WANTS = "मुझे व्हाइटफील्ड में टू बीएचके फ्लैट चाहिए, बजट पचास लाख के आसपास";
    private static final String CONFIRMS = "हाँ, सही है";

    @Test
    void aDevanagariCallerIsQualifiedInHindi() throws Exception {
        long campaignId = insertHindiCampaign();
        long leadId = insertLead("Rahul Verma", uniquePhone());
        String callSid = newCallSid();
        deepgram.script(YES, WANTS, CONFIRMS);
        // the model refuses every request at once (a revoked key): the scripted agent takes the call from the first turn
        openai.respondWith(request -> FakeReply.invalidApiKey());
        Scenario scenario = Scenario.builder("hindi campaign, devanagari caller")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .say(clip("two-bhk.wav"))
                .waitForBotToFinish(800)
                .say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectGreeting()
                .expectBotRepliesAtLeast(3)
                .expectServerHangsUp()
                .expectNoChunkViolations()
                .build();

        CallReport report = call(scenario, leadId, campaignId, callSid, SimulatorOptions.builder());

        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
        assertThat(deepgram.unusedScript()).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(storedOutcome(callSid)).isEqualTo("qualified"));

        JsonNode collected = json.readTree(jdbc.sql("SELECT collected_data::text FROM call_sessions WHERE call_sid = ?")
                .param(callSid).query(String.class).single());
        assertThat(collected.path("property_type").asString()).isEqualTo("apartment");
        assertThat(collected.path("bedrooms").asInt()).isEqualTo(2);
        assertThat(collected.path("location").asString()).isEqualTo("Whitefield");
        assertThat(collected.path("budget_min_rupees").asLong()).isEqualTo(4_500_000L);
        assertThat(collected.path("budget_max_rupees").asLong()).isEqualTo(5_500_000L);
        Map<String, Object> lead = jdbc.sql("SELECT property_type, location, budget_min_rupees, budget_max_rupees FROM leads WHERE id = ?")
                .param(leadId).query().singleRow();
        assertThat(lead).containsEntry("location", "Whitefield");
        assertThat(((Number) lead.get("budget_max_rupees")).longValue()).isEqualTo(5_500_000L);

        List<String> botLines = botLines(callSid);
        System.out.println("Hindi call transcript: " + transcript(callSid) + "\ncollected: " + collected);
        assertThat(botLines).first().asString().startsWith("नमस्ते Rahul जी");
        assertThat(botLines).anyMatch(line -> line.contains("दो बीएचके फ्लैट, व्हाइटफील्ड में, बजट लगभग पचास लाख"))
                .allMatch(line -> !line.contains("₹") && !line.startsWith("Sorry"));

        List<FakeElevenLabs.Request> hindiRequests = elevenlabs.requests().stream()
                .filter(r -> r.body().path("text").asString().contains("व्हाइटफील्ड")).toList();
        assertThat(hindiRequests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.voiceId()).isEqualTo(HINDI_VOICE);
            assertThat(r.body().path("language_code").asString()).isEqualTo("hi");
        });
    }

    @Test
    void aHindiCallerWhoseAnswerNeverComesHearsTheApologyInHindiWithTheHindiVoice() throws Exception {
        long campaignId = insertHindiCampaign();
        long leadId = insertLead("Sunita Yadav", uniquePhone());
        String callSid = newCallSid();
        deepgram.script(YES);
        openai.respondWith(request -> FakeReply.invalidApiKey());
        String apology = CallPhrases.HINDI.apology();
        byte[] apologyAudio = prompts.clip(dev.vaani.conversation.Language.HINDI, apology, 8000); // ready, as after start-up
        Scenario scenario = Scenario.builder("hindi call, the synthesiser stalls after the greeting")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(2500) // past the filler's pause, to the end of the apology
                .hangUp()
                .timeout(Duration.ofMinutes(1))
                .expectGreeting()
                .build();
        Thread.ofVirtual().start(() -> {
            // once the greeting has played, every synthesis takes far longer than the caller will wait
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc
                    .sql("SELECT count(*) > 0 FROM call_sessions WHERE call_sid = ? AND jsonb_array_length(transcript) > 0")
                    .param(callSid).query(Boolean.class).single());
            elevenlabs.firstByteDelay(Duration.ofSeconds(10));
        });

        CallReport report = call(scenario, leadId, campaignId, callSid, SimulatorOptions.builder());

        assertThat(report.utterances()).withFailMessage(() -> describe(report, callSid))
                .anyMatch(u -> java.util.Collections.indexOfSubList(bytes(u.audio()), bytes(apologyAudio)) >= 0);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(botLines(callSid)).contains(apology));
        assertThat(elevenlabs.everyRequest()).as("the apology was rendered by the call's synthesiser, in Hindi")
                .filteredOn(r -> r.body().path("text").asText().equals(apology)).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.voiceId()).isEqualTo(HINDI_VOICE);
                    assertThat(r.body().path("language_code").asText()).isEqualTo("hi");
                });
    }

    @Test
    void aHindiCampaignCreatedWithTheDefaultScriptGreetsInHindi() throws Exception {
        // as the console creates it: the form's unchanged (English) default lines, the language set to Hindi
        long campaignId = campaigns.create(new CampaignRequest("hindi defaults " + newCallSid(), "hi",
                CampaignScript.defaultRealEstate(), null, null, null, null, null, null, null, false)).id();
        long leadId = insertLead("राजेश कुमार", uniquePhone());
        String callSid = newCallSid();
        openai.respondWith(request -> FakeReply.invalidApiKey());
        Scenario scenario = Scenario.builder("hindi campaign with the default script")
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofMinutes(1))
                .expectGreeting()
                .build();

        callWithoutFailures(scenario, leadId, campaignId, callSid);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(botLines(callSid)).first().asString()
                .startsWith("नमस्ते राजेश जी, मैं वाणी रियल्टी से रिया बोल रही हूँ"));
    }

    @Test
    void aHindiCampaignStoredWithTheEnglishDefaultScriptSpeaksTheHindiDefault() throws Exception {
        // stored before campaigns took their language's default: the English default script, language Hindi
        long campaignId = jdbc.sql("INSERT INTO campaigns (name, language, script) VALUES (?, 'hi', CAST(? AS jsonb)) RETURNING id")
                .params("stored english default " + newCallSid(), json.writeValueAsString(CampaignScript.defaultRealEstate()))
                .query(Long.class).single();

        assertThat(records.findScript(campaignId)).isEqualTo(CampaignScript.defaultRealEstate(Language.HINDI));
    }

    @Test
    void aHindiCampaignAsksTheBrokersOwnFirstQuestionInTheWordsTheyWrote() throws Exception {
        String own = "Which project are you interested in, Sunrise Heights or Sunrise Greens?";
        CampaignScript defaults = CampaignScript.defaultRealEstate();
        CampaignScript script = new CampaignScript(defaults.agentName(), defaults.companyName(), "en",
                defaults.greeting(), defaults.purpose(),
                List.of(new CampaignScript.QualificationField("property_type", own, true),
                        defaults.qualificationFields().get(1)),
                defaults.closing(), "");
        long campaignId = campaigns.create(new CampaignRequest("hindi own question " + newCallSid(), "hi", script,
                null, null, null, null, null, null, null, false)).id();
        long leadId = insertLead("Rahul Verma", uniquePhone());
        String callSid = newCallSid();
        deepgram.script(YES);
        openai.respondWith(request -> FakeReply.invalidApiKey());
        Scenario scenario = Scenario.builder("hindi campaign, the broker's own first question")
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .hangUp()
                .timeout(Duration.ofMinutes(1))
                .expectGreeting()
                .build();

        callWithoutFailures(scenario, leadId, campaignId, callSid);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(botLines(callSid)).hasSizeGreaterThan(1));
        assertThat(botLines(callSid).get(1)).endsWith(own);
    }

    private void callWithoutFailures(Scenario scenario, long leadId, long campaignId, String callSid) throws Exception {
        CallReport report = call(scenario, leadId, campaignId, callSid, SimulatorOptions.builder());
        assertThat(report.failures()).withFailMessage(() -> describe(report, callSid)).isEmpty();
    }

    private static List<Byte> bytes(byte[] audio) {
        List<Byte> list = new java.util.ArrayList<>(audio.length);
        for (byte b : audio) {
            list.add(b);
        }
        return list;
    }

    private long insertHindiCampaign() {
        String script = """
                {"agentName":"Riya","companyName":"Vaani Realty","language":"en",
                 "greeting":"नमस्ते {name} जी, मैं वाणी रियल्टी से रिया बोल रही हूँ। क्या अभी दो मिनट बात कर सकते हैं?",
                 "purpose":"हम खरीदारों को उनके बजट में फ्लैट, विला और प्लॉट ढूँढने में मदद करते हैं।",
                 "qualificationFields":[
                   {"key":"property_type","question":"आप किस तरह की प्रॉपर्टी देख रहे हैं? और कितने बीएचके?","required":true},
                   {"key":"location","question":"आप किस इलाके में प्रॉपर्टी देख रहे हैं?","required":true},
                   {"key":"budget","question":"आपका बजट कितना है?","required":true}],
                 "closing":"धन्यवाद! हमारे एडवाइज़र जल्दी ही आपको कॉल करेंगे।","extraInstructions":""}""";
        // the script says "en"; the campaign's language column decides
        return jdbc.sql("INSERT INTO campaigns (name, language, script) VALUES (?, 'hi', CAST(? AS jsonb)) RETURNING id")
                .params("hindi " + newCallSid(), script).query(Long.class).single();
    }

    private List<String> botLines(String callSid) throws Exception {
        JsonNode transcript = json.readTree(transcript(callSid));
        return java.util.stream.StreamSupport.stream(transcript.spliterator(), false)
                .filter(line -> line.path("speaker").asString().equals("ai")).map(line -> line.path("text").asString()).toList();
    }

    private String transcript(String callSid) {
        return jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).single();
    }
}
