package dev.vaani.call;

import dev.vaani.testing.SignedStreams;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vaani.fakes.FakeDeepgram;
import dev.vaani.fakes.FakeElevenLabs;
import dev.vaani.fakes.FakeOpenAi;
import dev.vaani.fakes.FakeReply;
import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.ReportPrinter;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.speech.elevenlabs.ElevenLabsTextToSpeech;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import dev.vaani.testing.SharedResources;

/**
 * Live calls through the running server with the REAL cloud clients (Deepgram streaming recognition, OpenAI Chat
 * Completions, ElevenLabs synthesis) talking to the local fakes of those services. The fakes start once per JVM and
 * every subclass leaves the configuration alone, so all CloudCall tests share this one application context. The
 * simulator plays the caller, as Exotel would.
 */
// Real-time calls in a context of their own; the subclasses take turns with the static fakes, and with the offline
// voice the provider-failure calls fall back to (another call using it would delay their answers).
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SharedResources.CLOUD_CALL_FAKES)
@ResourceLock(SharedResources.OFFLINE_VOICE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class CloudCallTest {

    protected static final FakeDeepgram deepgram = new FakeDeepgram();
    protected static final FakeOpenAi openai = FakeOpenAi.start();
    protected static final FakeElevenLabs elevenlabs = new FakeElevenLabs();
    /** The ElevenLabs voice configured for Hindi (ELEVENLABS_HINDI_VOICE_ID). */
    protected static final String HINDI_VOICE = "hindi-test-voice";

    /** The caller's clips and what the recogniser hears in each, in the order of a qualification call. */
    protected static final String YES_GOOD_TIME = "Yes, this is a good time.";
    protected static final String TWO_BHK = "I am looking for a two BHK apartment.";
    protected static final String WHITEFIELD = "In Whitefield.";
    protected static final String BUDGET = "My budget is around fifty lakhs.";
    protected static final String YES_RIGHT = "Yes, that is right.";

    protected static final String CLOSING = "Thank you! Our property advisor will call you shortly. Have a great day!";

    static {
        deepgram.start();
        elevenlabs.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deepgram.close();
            openai.close();
            elevenlabs.close();
        }));
    }

    @DynamicPropertySource
    static void cloudProviders(DynamicPropertyRegistry registry) {
        registry.add("vaani.providers.deepgram.api-key", () -> FakeDeepgram.API_KEY);
        registry.add("vaani.providers.deepgram.base-url", deepgram::baseUrl);
        registry.add("vaani.providers.openai.api-key", () -> "sk-test-cloud-call");
        registry.add("vaani.providers.openai.base-url", openai::baseUrl);
        registry.add("vaani.providers.elevenlabs.api-key", () -> FakeElevenLabs.API_KEY);
        registry.add("vaani.providers.elevenlabs.base-url", elevenlabs::baseUrl);
        registry.add("vaani.providers.elevenlabs.hindi-voice-id", () -> HINDI_VOICE);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    dev.vaani.call.identity.CallIdentitySigner identities;

    @Autowired
    CallProperties callSettings;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected MeterRegistry meters;

    @Autowired
    protected CallProviders providers;

    @Autowired
    protected PromptAudio prompts;

    @BeforeEach
    void resetFakes() {
        deepgram.reset();
        openai.reset();
        elevenlabs.reset();
        // The recorded clips pause ~330 ms after "Yes,"; the server asks for endpointing=300, and an energy-based
        // fake would cut the turn there. Real endpointing is model-based, so the fake waits for a longer pause.
        deepgram.endpointingAtLeast(Duration.ofMillis(450));
        // Shorter bot audio keeps the calls quick; the audio is still streamed in odd-sized chunks.
        elevenlabs.millisPerCharacter(20);
        // A failure test may have opened the synthesiser's or the model's breaker (a wrong key, on purpose, fails every
        // request): each test starts with healthy providers, whichever test class ran before it
        if (providers.textToSpeech() instanceof ElevenLabsTextToSpeech cloud) {
            cloud.circuitBreaker().reset();
        }
        if (providers.conversation() instanceof dev.vaani.conversation.FallbackConversationEngine fallback
                && fallback.primary() instanceof dev.vaani.conversation.openai.OpenAiConversationEngine model) {
            model.circuitBreaker().reset();
        }
    }

    // --- the simulated agent: answers from the conversation so far, as a model would ---

    /**
     * A qualifying agent: each answer depends on the caller's last words, is one or two short sentences streamed
     * token by token, and saves what the caller said with save_lead_details (arguments split across chunks); the
     * confirmation ends the call with end_call(qualified).
     */
    protected static FakeReply agent(JsonNode request) {
        String said = lastUserText(request).toLowerCase(Locale.ROOT);
        if (said.contains("two bhk")) {
            return FakeReply.text("Nice, a two BHK apartment. Which area would you prefer?")
                    .andToolCall("save_lead_details", "{\"property_type\":\"2 BHK apartment\"}");
        }
        if (said.contains("whitefield")) {
            return FakeReply.text("Whitefield is a lovely area. What budget do you have in mind?")
                    .andToolCall("save_lead_details", "{\"location\":\"whitefield\"}");
        }
        if (said.contains("lakh") || said.contains("budget")) {
            return FakeReply.text("Around fifty lakhs, noted. So a two BHK in Whitefield, is that right?")
                    .andToolCall("save_lead_details", "{\"budget\":\"around 50 lakhs\"}");
        }
        if (said.contains("right")) {
            return FakeReply.text(CLOSING).andToolCall("end_call",
                    "{\"outcome\":\"qualified\",\"summary\":\"Wants a 2 BHK apartment in Whitefield, around 50 lakhs.\"}");
        }
        if (said.contains("good time") || said.startsWith("yes")) {
            return FakeReply.text("Great! What kind of property are you looking for?");
        }
        return FakeReply.text("Sorry, could you say that again?");
    }

    /** The content of the last user message in a Chat Completions request ("" when there is none). */
    protected static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asString().equals("user")) {
                return messages.get(i).path("content").asString();
            }
        }
        return "";
    }

    /**
     * A lead whose earlier call found where and for how much: a call that then hears only the property type has every
     * required field, so the agent's end_call(qualified) stands.
     */
    protected long leadKnowingLocationAndBudget(String name) {
        long leadId = insertLead(name, uniquePhone());
        jdbc.sql("UPDATE leads SET collected_data = CAST(? AS jsonb) WHERE id = ?")
                .params("{\"location\":\"Whitefield\",\"budget\":\"₹45L–₹55L\",\"budget_min_rupees\":4500000,"
                        + "\"budget_max_rupees\":5500000}", leadId).update();
        return leadId;
    }

    // --- calls ---

    /** The caller answers the greeting once and the agent ends the call (its reply decides how). */
    protected static Scenario oneAnswer(String name) {
        return Scenario.builder(name)
                .waitForBotToFinish(800)
                .say(clip("yes-good-time.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(1))
                .expectGreeting()
                .expectServerHangsUp()
                .build();
    }

    protected CallReport call(Scenario scenario, long leadId, String callSid) {
        return call(scenario, leadId, callSid, SimulatorOptions.builder());
    }

    protected CallReport call(Scenario scenario, long leadId, String callSid, SimulatorOptions.Builder options) {
        return call(scenario, leadId, null, callSid, options);
    }

    /** A call our dialer placed for this lead in this campaign: its identity signed, as Exotel would stream it. */
    protected CallReport call(Scenario scenario, long leadId, Long campaignId, String callSid, SimulatorOptions.Builder options) {
        return new SimulatedCall(options
                .url(SignedStreams.mediaUrl(port, identities, callSettings, leadId, campaignId))
                .callSid(callSid)
                .build(), scenario).run();
    }

    /** The report, its timeline and the stored transcript, for a failure message. */
    protected String describe(CallReport report, String callSid) {
        StringWriter timeline = new StringWriter();
        ReportPrinter.print(report, new PrintWriter(timeline, true));
        return "simulated call: " + report.failures() + "\n" + timeline + "\ntranscript: "
                + jdbc.sql("SELECT transcript::text FROM call_sessions WHERE call_sid = ?").param(callSid)
                        .query(String.class).optional().orElse("none")
                + "\nunused script: " + deepgram.unusedScript();
    }

    /** Bot utterances that started after caller turn {@code turn} ended and before the next caller turn. */
    protected static List<CallReport.BotUtterance> heardAfter(CallReport report, int turn) {
        long from = report.turns().get(turn).endSentMs();
        long to = turn + 1 < report.turns().size() ? report.turns().get(turn + 1).onsetSentMs() : Long.MAX_VALUE;
        List<CallReport.BotUtterance> heard = new ArrayList<>();
        for (CallReport.BotUtterance utterance : report.utterances()) {
            if (utterance.startMs() >= from && utterance.startMs() < to) {
                heard.add(utterance);
            }
        }
        return heard;
    }

    /**
     * Whether {@code played} contains a stretch from the middle of {@code clip} byte for byte: the caller heard that
     * clip, not something else of the same length.
     */
    protected static boolean containsClip(byte[] played, byte[] clip) {
        int length = Math.min(640, clip.length / 2) & ~1;
        int from = (clip.length / 2) & ~1;
        outer:
        for (int i = 0; i + length <= played.length; i += 2) {
            for (int j = 0; j < length; j++) {
                if (played[i + j] != clip[from + j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    protected long insertLead(String name, String phone) {
        return jdbc.sql("INSERT INTO leads (name, phone) VALUES (?, ?) RETURNING id").params(name, phone)
                .query(Long.class).single();
    }

    protected static String uniquePhone() {
        return "+9198" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    protected static String newCallSid() {
        return "cloud" + UUID.randomUUID().toString().replace("-", "");
    }

    protected static AudioClip clip(String name) {
        return CallTestSupport.clip(name);
    }

    protected double fillersPlayed() {
        return meters.counter("vaani.call.fillers").count();
    }

    protected String storedOutcome(String callSid) {
        return jdbc.sql("SELECT final_outcome FROM call_sessions WHERE call_sid = ?").param(callSid)
                .query(String.class).optional().orElse(null);
    }
}
