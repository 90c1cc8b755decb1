package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.scripted.ScriptedConversationEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FallbackConversationEngineTest {

    /** An LLM whose every request fails, as when the provider is down. */
    private static final ConversationEngine DOWN = failingAt(new ConversationState(ConversationStage.QUALIFICATION,
            Map.of("location", "Whitefield"), false, null, null, false));

    @Test
    void theScriptedEngineCarriesOnWhenTheLlmFailsAndKeepsWhatWasCollected() {
        ConversationEngine engine = new FallbackConversationEngine(DOWN, new ScriptedConversationEngine());
        Conversation conversation = engine.start(new ConversationSetup("CA1",
                new LeadProfile(1L, "Priya Sharma", "+919876543210", null), CampaignScript.defaultRealEstate(), Map.of()));
        List<String> said = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();

        conversation.respond(new TurnInput.CallerUtterance("I want a two BHK apartment"), new ReplyListener() {
            @Override
            public void onText(String delta) {
                said.add(delta);
            }

            @Override
            public void onAction(AgentAction action) {
            }

            @Override
            public void onComplete() {
            }

            @Override
            public void onError(Throwable error) {
                errors.add(error);
            }
        });

        assertThat(errors).isEmpty();
        assertThat(String.join("", said)).isNotBlank();
        assertThat(conversation.state().collectedData()).containsEntry("location", "Whitefield")
                .containsKey("property_type");
    }

    /**
     * The race the switch-over must survive: the LLM's failure arrives on its own thread, and while the fallback is
     * still starting the replacement reply, the call cancels the reply (the caller barged in). The replacement must
     * be cancelled and say nothing, or the bot talks over the caller with an answer nobody asked for any more.
     */
    @Test
    void aReplyCancelledWhileTheFallbackStartsItStaysCancelled() throws Exception {
        AtomicReference<ReplyListener> primaryListener = new AtomicReference<>();
        CountDownLatch fallbackResponding = new CountDownLatch(1);
        CountDownLatch callerCancelled = new CountDownLatch(1);
        AtomicBoolean replacementCancelled = new AtomicBoolean();
        ConversationEngine failsLater = engine("llm", (input, listener) -> {
            primaryListener.set(listener);
            return () -> { };
        });
        ConversationEngine slowToStart = engine("scripted", (input, listener) -> {
            fallbackResponding.countDown();
            await(callerCancelled);
            listener.onText("Which city are you looking in?");
            return () -> replacementCancelled.set(true);
        });
        Conversation conversation = new FallbackConversationEngine(failsLater, slowToStart).start(setup());
        List<String> said = new CopyOnWriteArrayList<>();
        Conversation.Reply reply = conversation.respond(new TurnInput.CallerUtterance("two BHK"), collecting(said));

        Thread provider = Thread.ofVirtual().start(() ->
                primaryListener.get().onError(new IllegalStateException("stream reset by the provider")));
        assertThat(fallbackResponding.await(5, TimeUnit.SECONDS)).isTrue();
        reply.cancel();
        callerCancelled.countDown();
        provider.join(5_000);

        assertThat(provider.isAlive()).isFalse();
        assertThat(replacementCancelled).isTrue();
        assertThat(said).isEmpty();
    }

    @Test
    void afterTheSwitchEveryLaterReplyComesFromTheFallback() {
        ConversationEngine fallbackEngine = engine("scripted", (input, listener) -> {
            listener.onText("fallback");
            listener.onComplete();
            return () -> { };
        });
        Conversation conversation = new FallbackConversationEngine(DOWN, fallbackEngine).start(setup());
        List<String> said = new CopyOnWriteArrayList<>();

        conversation.respond(new TurnInput.CallerUtterance("hello"), collecting(said));
        conversation.respond(new TurnInput.CallerUtterance("two BHK"), collecting(said));

        assertThat(said).containsExactly("fallback", "fallback");
    }

    /** Property type, location and budget, as the LLM collected them before it failed. */
    private static final Map<String, Object> FIRST_THREE = Map.of("property_type", "apartment", "bedrooms", 2,
            "location", "Whitefield", "budget", "₹80L");

    /** A call the scripted agent takes over from an LLM that had collected {@link #FIRST_THREE} and then failed. */
    private static Conversation takenOverWhileQualifying() {
        return new FallbackConversationEngine(
                failingAt(new ConversationState(ConversationStage.QUALIFICATION, FIRST_THREE, false, null, null, false)),
                new ScriptedConversationEngine()).start(setup());
    }

    @Test
    void aNoToTheLlmsLastQuestionIsNotTakenForNotAGoodTimeToTalk() {
        Conversation conversation = takenOverWhileQualifying();
        List<String> said = new CopyOnWriteArrayList<>();

        conversation.respond(new TurnInput.CallerUtterance("No"), collecting(said));

        assertThat(String.join("", said)).isNotBlank()
                .doesNotContain("When would be a good time to call you back?")
                .doesNotContain("Is this a good time to talk?");
        assertThat(conversation.state().stage()).isNotEqualTo(ConversationStage.INTRO);
    }

    @Test
    void theFailedTurnIsReadAsAnAnswerAndTheNextOpenFieldIsAsked() {
        Conversation conversation = takenOverWhileQualifying();
        List<String> said = new CopyOnWriteArrayList<>();

        conversation.respond(new TurnInput.CallerUtterance("Nahi, loan nahi chahiye"), collecting(said));

        assertThat(conversation.state().collectedData()).containsEntry("financing", "self_funded")
                .containsAllEntriesOf(FIRST_THREE);
        assertThat(conversation.state().stage()).isEqualTo(ConversationStage.QUALIFICATION);
        assertThat(conversation.state().outcome()).isNull();
        assertThat(String.join("", said)).doesNotContain("kab call karun").doesNotContain("good time");
    }

    @Test
    void theFallbackRepliesInTheLanguageTheLlmWasReplyingIn() {
        AtomicBoolean answeredOnce = new AtomicBoolean();
        ConversationEngine answersThenFails = engine("llm", (input, listener) -> {
            if (answeredOnce.compareAndSet(false, true)) {
                listener.onText("Aapka budget kitna hai?");
                listener.onComplete();
            } else {
                listener.onError(new IllegalStateException("503 from the provider"));
            }
            return () -> { };
        });
        Conversation conversation = new FallbackConversationEngine(answersThenFails, new ScriptedConversationEngine())
                .start(setup());
        List<String> said = new CopyOnWriteArrayList<>();
        conversation.respond(new TurnInput.CallerUtterance("mujhe Whitefield mein flat chahiye"), collecting(said));
        said.clear();

        conversation.respond(new TurnInput.CallerUtterance("ok"), collecting(said)); // "ok" has no language of its own

        assertThat(String.join("", said)).isNotBlank().doesNotContain("What kind of property");
        assertThat(String.join("", said)).containsAnyOf("aap", "Aap");
    }

    /** The model booked a callback, then failed; the fallback answered without deciding an outcome of its own. */
    @Test
    void theLlmsOutcomeAndSummaryStandWhileTheFallbackHasDecidedNone() {
        ConversationEngine decidesNothing = engine("scripted", (input, listener) -> {
            listener.onText("Okay.");
            listener.onComplete();
            return () -> { };
        });
        Conversation conversation = new FallbackConversationEngine(failingAt(LLM_BOOKED_A_CALLBACK), decidesNothing)
                .start(setup());

        conversation.respond(new TurnInput.CallerUtterance("No, that's all, thank you"), collecting(new CopyOnWriteArrayList<>()));

        assertThat(conversation.state().outcome()).isEqualTo(CallOutcome.CALLBACK);
        assertThat(conversation.state().summary()).isEqualTo("Callback requested for tomorrow 5 pm.");
        assertThat(conversation.state().collectedData()).containsEntry("callback_at", "2026-12-08T17:00:00+05:30");
    }

    @Test
    void afterACallbackTheLlmBookedTheScriptedAgentConfirmsItAndEndsTheCallAsACallback() {
        Conversation conversation = new FallbackConversationEngine(failingAt(LLM_BOOKED_A_CALLBACK),
                new ScriptedConversationEngine()).start(setup());
        List<String> said = new CopyOnWriteArrayList<>();
        List<AgentAction> actions = new CopyOnWriteArrayList<>();

        conversation.respond(new TurnInput.CallerUtterance("No, that's all, thank you"), recording(said, actions));

        assertThat(String.join("", said)).contains("call you back").doesNotContain("What kind of property");
        assertThat(actions).anySatisfy(action -> assertThat(action)
                .isEqualTo(new AgentAction.EndCall(CallOutcome.CALLBACK, conversation.state().summary(), false)));
        assertThat(conversation.state().outcome()).isEqualTo(CallOutcome.CALLBACK);
    }

    private static final ConversationState LLM_BOOKED_A_CALLBACK = new ConversationState(ConversationStage.CLOSING,
            Map.of("callback_at", "2026-12-08T17:00:00+05:30"), false, CallOutcome.CALLBACK,
            "Callback requested for tomorrow 5 pm.", false);

    /** An LLM that got the call to {@code reached}, then fails every reply before saying anything. */
    private static ConversationEngine failingAt(ConversationState reached) {
        return new ConversationEngine() {
            @Override
            public String name() {
                return "llm";
            }

            @Override
            public Conversation start(ConversationSetup setup) {
                return new Conversation() {
                    @Override
                    public Reply respond(TurnInput input, ReplyListener listener) {
                        listener.onError(new IllegalStateException("stream reset before the first token"));
                        return () -> { };
                    }

                    @Override
                    public void onInterrupted(String heardText) {
                    }

                    @Override
                    public ConversationState state() {
                        return reached;
                    }
                };
            }
        };
    }

    private interface Responder {
        Conversation.Reply respond(TurnInput input, ReplyListener listener);
    }

    private static ConversationEngine engine(String name, Responder responder) {
        return new ConversationEngine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Conversation start(ConversationSetup setup) {
                return new Conversation() {
                    @Override
                    public Reply respond(TurnInput input, ReplyListener listener) {
                        return responder.respond(input, listener);
                    }

                    @Override
                    public void onInterrupted(String heardText) {
                    }

                    @Override
                    public ConversationState state() {
                        return new ConversationState(ConversationStage.QUALIFICATION, Map.of(), false, null, null, false);
                    }
                };
            }
        };
    }

    private static ConversationSetup setup() {
        return new ConversationSetup("CA2", new LeadProfile(2L, "Ravi Kumar", "+919812345678", null),
                CampaignScript.defaultRealEstate(), Map.of());
    }

    private static ReplyListener recording(List<String> said, List<AgentAction> actions) {
        return new RecordingReplyListener(said, actions);
    }

    private static ReplyListener collecting(List<String> said) {
        return new RecordingReplyListener(said, new ArrayList<>());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
