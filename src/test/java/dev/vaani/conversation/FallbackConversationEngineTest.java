package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.scripted.ScriptedConversationEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FallbackConversationEngineTest {

    /** An LLM whose every request fails, as when the provider is down. */
    private static final ConversationEngine DOWN = new ConversationEngine() {
        @Override
        public String name() {
            return "down";
        }

        @Override
        public Conversation start(ConversationSetup setup) {
            return new Conversation() {
                @Override
                public Reply respond(TurnInput input, ReplyListener listener) {
                    listener.onError(new IllegalStateException("503 from the provider"));
                    return () -> { };
                }

                @Override
                public void onInterrupted(String heardText) {
                }

                @Override
                public ConversationState state() {
                    return new ConversationState(ConversationStage.QUALIFICATION, Map.of("location", "Whitefield"),
                            false, null, null);
                }
            };
        }
    };

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
}
