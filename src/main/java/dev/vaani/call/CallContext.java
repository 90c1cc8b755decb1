package dev.vaani.call;

import dev.vaani.call.session.ConversationSession;
import dev.vaani.conversation.CallbackHours;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.privacy.PhoneMask;
import dev.vaani.speech.SpeechStreamSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Who and what a live call is about, fixed when its media stream starts. */
public record CallContext(String callSid, String streamSid, int sampleRate, Long leadId, Long campaignId,
                          LeadProfile lead, CampaignScript script, Map<String, Object> knownData, String from,
                          String to, String direction, dev.vaani.conversation.HandOver handOver,
                          CallbackHours callbackHours) {

    public ConversationSetup setup() {
        return new ConversationSetup(callSid, lead, script, knownData, handOver, callbackHours);
    }

    public ConversationSession newSession(String now) {
        return ConversationSession.start(callSid, leadId, lead.name(), lead.phone(), direction, now);
    }

    /** Words every real-estate call uses, for recognisers that take hints. */
    private static final List<String> DOMAIN_PHRASES = List.of("lakh", "lakhs", "crore", "BHK", "apartment", "villa",
            "plot", "flat", "budget", "yes", "no", "not interested", "call me later");

    /**
     * The recogniser's hints: the lead's own locality (an earlier call's, else the broker's record), the campaign's
     * localities, then the domain words. In that order because recognisers cap hints (Deepgram keyterms) and place names are what
     * they miss most.
     */
    public SpeechStreamSettings speechSettings() {
        List<String> phrases = new ArrayList<>();
        if (knownData != null && knownData.get("location") instanceof String own && !own.isBlank()) {
            phrases.add(own);
        } else if (lead.onRecord().get("location") instanceof String recorded) {
            phrases.add(recorded);
        }
        phrases.addAll(script.localities());
        phrases.addAll(DOMAIN_PHRASES);
        return new SpeechStreamSettings(sampleRate, languageCode(), phrases, callSid);
    }

    private String languageCode() {
        return switch (script.language() == null ? "en" : script.language().toLowerCase()) {
            case "hi" -> "hi";
            case "hinglish", "multi" -> "multi";
            default -> "en-IN";
        };
    }

    /** For logs: the call sid and the masked number. */
    public String label() {
        return callSid + " (" + PhoneMask.mask(lead.phone()) + ")";
    }
}
