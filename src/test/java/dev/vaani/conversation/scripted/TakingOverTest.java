package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.Language;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.conversation.RecordingReplyListener;
import dev.vaani.conversation.TurnInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scripted agent taking over a call another agent (the LLM) left mid-way, instead of greeting the caller again. */
class TakingOverTest {

    private static final Map<String, Object> FIRST_THREE = Map.of("property_type", "apartment", "bedrooms", 2,
            "location", "Whitefield", "budget", "₹80L");
    private static final Map<String, Object> EVERY_FIELD = Map.of("property_type", "apartment", "bedrooms", 2,
            "location", "Whitefield", "budget", "₹80L", "timeline", "within_3_months", "purpose", "self_use",
            "financing", "home_loan");

    @Test
    void withEveryFieldKnownAYesIsTakenAsAgreeingToTheReadBack() {
        Conversation call = takenOver(ConversationStage.QUALIFICATION, EVERY_FIELD, Language.ENGLISH);

        call.respond(new TurnInput.CallerUtterance("Yes, that's right"), new RecordingReplyListener());

        assertThat(call.state().outcome()).isEqualTo(CallOutcome.QUALIFIED);
    }

    @Test
    void aCallTakenOverAfterItEndedSaysNothingMore() {
        Conversation call = takenOver(ConversationStage.ENDED, FIRST_THREE, Language.ENGLISH);
        RecordingReplyListener heard = new RecordingReplyListener();

        call.respond(new TurnInput.CallerUtterance("Hello?"), heard);

        assertThat(heard.text()).isEmpty();
        assertThat(call.state().stage()).isEqualTo(ConversationStage.ENDED);
    }

    @Test
    void whoIsCallingBeforeWeAskedAnythingIsAnsweredThenTheNextOpenFieldIsAsked() {
        Conversation call = takenOver(ConversationStage.QUALIFICATION, FIRST_THREE, Language.ENGLISH);
        RecordingReplyListener heard = new RecordingReplyListener();

        call.respond(new TurnInput.CallerUtterance("Sorry, who is this?"), heard);

        assertThat(heard.text()).contains("By when are you planning to buy?").doesNotContain("good time");
    }

    @Test
    void silenceBeforeWeAskedAnythingAsksTheNextOpenField() {
        Conversation call = takenOver(ConversationStage.QUALIFICATION, FIRST_THREE, Language.ENGLISH);
        RecordingReplyListener heard = new RecordingReplyListener();

        call.respond(new TurnInput.CallerSilent(), heard);

        assertThat(heard.text()).contains("By when are you planning to buy?");
    }

    @Test
    void theCallGoesOnInTheLanguageTheOtherAgentWasReplyingIn() {
        Conversation call = takenOver(ConversationStage.QUALIFICATION, FIRST_THREE, Language.HINGLISH);
        RecordingReplyListener heard = new RecordingReplyListener();

        call.respond(new TurnInput.CallerUtterance("ok"), heard);

        assertThat(heard.text()).contains("Aap kab tak khareedna chahte hain?");
    }

    private static Conversation takenOver(ConversationStage stage, Map<String, Object> known, Language language) {
        ConversationSetup setup = new ConversationSetup("CA-TO", new LeadProfile(3L, "Asha Rao", "+919800000000", null),
                CampaignScript.defaultRealEstate(), known).takenOverAt(stage, language, null);
        return new ScriptedConversationEngine().start(setup);
    }
}
