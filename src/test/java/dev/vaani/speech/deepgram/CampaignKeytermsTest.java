package dev.vaani.speech.deepgram;

import static dev.vaani.testing.TestTimers.PROVIDER_TIMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.call.CallContext;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.fakes.FakeDeepgram;
import dev.vaani.speech.SpeechToText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A call's recognition stream asks Deepgram to expect the campaign's localities and the lead's own, as keyterms on the
 * upgrade request, within Deepgram's limits, and nothing a caller said can add another parameter.
 */
class CampaignKeytermsTest {

    private final FakeDeepgram fake = new FakeDeepgram();
    private SpeechToText.Stream stream;

    @BeforeEach
    void startFake() {
        fake.start();
    }

    @AfterEach
    void stop() {
        if (stream != null) {
            stream.close();
        }
        fake.close();
    }

    private static CallContext call(String language, List<String> localities, Map<String, Object> known) {
        CampaignScript script = CampaignScript.defaultRealEstate().withLanguage(language);
        script = new CampaignScript(script.agentName(), script.companyName(), script.language(), script.greeting(),
                script.purpose(), script.qualificationFields(), script.closing(), script.extraInstructions(), localities);
        return new CallContext("CA1", "ST1", 8000, 7L, 3L, new LeadProfile(7L, "Asha", "+919800000001", null), script,
                known, "+919800000001", "+918000000000", "outbound",
                dev.vaani.conversation.HandOver.CALL_BACK, null);
    }

    /** The upgrade request's parameters, each decoded once, as Deepgram reads them. */
    private List<String> upgradeParameters(CallContext call) {
        stream = new DeepgramSpeechToText(DeepgramSettings.of(FakeDeepgram.API_KEY).withBaseUrl(fake.baseUrl()),
                PROVIDER_TIMERS)
                .open(call.speechSettings(), event -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.connectionCount() == 1);
        return Arrays.stream(fake.upgradeTargets().getFirst().getRawQuery().split("&"))
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aHindiCampaignsLocalitiesReachDeepgramAsKeyterms() {
        List<String> params = upgradeParameters(call("hi", List.of("Whitefield", "Sarjapur Road", "व्हाइटफील्ड"), Map.of()));

        assertThat(params).contains("language=hi", "keyterm=Whitefield", "keyterm=Sarjapur Road", "keyterm=व्हाइटफील्ड");
        assertThat(fake.upgradeTargets().getFirst().getRawQuery()).contains("keyterm=Sarjapur%20Road",
                "keyterm=%E0%A4%B5%E0%A5%8D%E0%A4%B9");
    }

    @Test
    void theLeadsOwnLocalityComesFirst() {
        List<String> params = upgradeParameters(call("en", List.of("Whitefield"), Map.of("location", "Hebbal")));

        List<String> keyterms = params.stream().filter(p -> p.startsWith("keyterm=")).toList();
        assertThat(keyterms).startsWith("keyterm=Hebbal", "keyterm=Whitefield");
    }

    @Test
    void whatACallerSaidCannotAddAParameter() {
        String said = "Whitefield&model=nova-2&language=en&keyterm=x";

        List<String> raw = Arrays.asList(urlOf(call("hi", List.of(), Map.of("location", said))).split("&"));

        assertThat(raw).filteredOn(p -> p.startsWith("model=")).containsExactly("model=nova-3");
        assertThat(raw).filteredOn(p -> p.startsWith("language=")).containsExactly("language=hi");
        assertThat(raw).contains("keyterm=" + java.net.URLEncoder.encode(said, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Test
    void aLongLocalityListIsCutToDeepgramsLimits() {
        List<String> many = IntStream.range(0, 300).mapToObj(i -> "Sector " + i + " Extension").toList();

        List<String> keyterms = upgradeParameters(call("hi", many, Map.of())).stream()
                .filter(p -> p.startsWith("keyterm=")).map(p -> p.substring("keyterm=".length())).toList();

        assertThat(keyterms).hasSizeLessThanOrEqualTo(DeepgramQuery.MAX_KEYTERMS).startsWith("Sector 0 Extension");
        assertThat(keyterms.stream().mapToInt(DeepgramQuery::estimatedTokens).sum())
                .isLessThanOrEqualTo(DeepgramQuery.KEYTERM_TOKEN_BUDGET);
        assertThat(keyterms.stream().mapToInt(k -> k.split(" ").length).sum()).as("Deepgram's own count is at least one a word")
                .isLessThanOrEqualTo(DeepgramQuery.KEYTERM_TOKEN_BUDGET);
    }

    @Test
    void aCampaignWithoutLocalitiesKeepsTheDomainWords() {
        List<String> params = upgradeParameters(call("en", List.of(), Map.of()));

        assertThat(params).contains("keyterm=lakh", "keyterm=BHK");
    }

    private String urlOf(CallContext call) {
        upgradeParameters(call);
        return fake.upgradeTargets().getFirst().getRawQuery();
    }
}
