package dev.vaani.conversation.scripted;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.TurnInput;

/** Drives one scripted call turn by turn, as a test would read it, and records each reply. */
final class CallDriver {

    /** Wednesday 10 June 2026, 14:30 in Kolkata. */
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 6, 10, 14, 30, 0, 0, ZoneId.of("Asia/Kolkata"));

    final Conversation conversation;

    CallDriver(CampaignScript script, String leadName, Map<String, Object> collected) {
        this(script, leadName, collected, dev.vaani.conversation.HandOver.CONNECT_NOW);
    }

    CallDriver(CampaignScript script, String leadName, Map<String, Object> collected,
               dev.vaani.conversation.HandOver handOver) {
        this(script, leadName, collected, handOver, NOW, null);
    }

    /** A call at {@code now}, from a campaign that calls back within {@code callbackHours} (TRAI's when null). */
    CallDriver(CampaignScript script, String leadName, Map<String, Object> collected,
               dev.vaani.conversation.HandOver handOver, ZonedDateTime now,
               dev.vaani.conversation.CallbackHours callbackHours) {
        this(script, new LeadProfile(7L, leadName, "+919812345678", null), collected, handOver, now, callbackHours);
    }

    private CallDriver(CampaignScript script, LeadProfile lead, Map<String, Object> collected,
                       dev.vaani.conversation.HandOver handOver, ZonedDateTime now,
                       dev.vaani.conversation.CallbackHours callbackHours) {
        var engine = new ScriptedConversationEngine(Clock.fixed(now.toInstant(), now.getZone()), Runnable::run);
        conversation = engine.start(new ConversationSetup("CA123", lead, script, collected, handOver, callbackHours));
    }

    /** An English call to a lead the broker imported with these details, and what earlier calls collected. */
    static CallDriver withRecord(Map<String, String> onRecord, Map<String, Object> collected) {
        return new CallDriver(CampaignScript.defaultRealEstate(),
                new LeadProfile(7L, "Priya Sharma", "+919812345678", null, onRecord), collected,
                dev.vaani.conversation.HandOver.CONNECT_NOW, NOW, null);
    }

    static CallDriver english() {
        return new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of());
    }

    static CallDriver hinglish() {
        return new CallDriver(hinglishScript(), "Rahul Verma", Map.of());
    }

    static CampaignScript hinglishScript() {
        return new CampaignScript("Riya", "Vaani Realty", "hinglish",
                "Namaste {name} ji, main Riya bol rahi hoon Vaani Realty se. Aapne property ke baare mein enquiry ki thi. Kya abhi do minute baat kar sakte hain?",
                "Hum buyers ko unke budget mein flat, villa aur plot dhoondhne mein madad karte hain.",
                List.of(new CampaignScript.QualificationField("property_type", "Aap kis type ki property dekh rahe hain, flat, villa ya plot? Aur kitne BHK?", true),
                        new CampaignScript.QualificationField("location", "Aap kis area mein property dekh rahe hain?", true),
                        new CampaignScript.QualificationField("budget", "Aapka budget kitna hai?", true)),
                "Dhanyavaad! Hamare property advisor jaldi aapko options ke saath call karenge.", "");
    }

    Heard greet() {
        return send(new TurnInput.Greeting());
    }

    Heard say(String text) {
        return send(new TurnInput.CallerUtterance(text));
    }

    Heard press(String digit) {
        return send(new TurnInput.KeyPress(digit));
    }

    Heard unclear() {
        return send(new TurnInput.CallerUnclear());
    }

    Heard silence() {
        return send(new TurnInput.CallerSilent());
    }

    Heard wrapUp() {
        return send(new TurnInput.WrapUp("max duration"));
    }

    Heard send(TurnInput input) {
        Heard heard = new Heard();
        conversation.respond(input, heard);
        return heard;
    }

    /** One reply as the call saw it. */
    static class Heard implements ReplyListener {
        final List<String> sentences = new ArrayList<>();
        final List<AgentAction> actions = new ArrayList<>();
        int completions;
        Throwable error;

        String text() {
            return String.join("", sentences).trim();
        }

        <T extends AgentAction> List<T> actions(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends AgentAction> T action(Class<T> type) {
            List<T> found = actions(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + " in " + actions);
            }
            return found.getFirst();
        }

        @Override
        public void onText(String delta) {
            sentences.add(delta);
        }

        @Override
        public void onAction(AgentAction action) {
            actions.add(action);
        }

        @Override
        public void onComplete() {
            completions++;
        }

        @Override
        public void onError(Throwable e) {
            error = e;
        }
    }
}
