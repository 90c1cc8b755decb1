package dev.vaani.conversation;

import java.util.List;

/**
 * What a campaign tells the agent to do. The qualification fields live here, not in code.
 *
 * @param agentName          the persona's name ("Riya")
 * @param companyName        who the agent calls for
 * @param language           "en", "hi" or "hinglish"
 * @param greeting           first line; "{name}" is replaced by the lead's first name (or dropped when unknown)
 * @param purpose            one or two sentences on why we call (the project, the offer)
 * @param qualificationFields what to find out, in the order to ask
 * @param closing            last line when the lead is qualified
 * @param extraInstructions  free text for the LLM prompt (tone, objections, facts about the project); may be blank
 */
public record CampaignScript(String agentName, String companyName, String language, String greeting, String purpose,
                             List<QualificationField> qualificationFields, String closing, String extraInstructions) {

    public CampaignScript {
        qualificationFields = List.copyOf(qualificationFields);
    }

    /**
     * One thing to find out.
     *
     * @param key      snake_case key in collected_data (property_type, location, budget, timeline, purpose, financing)
     * @param question how the agent asks for it
     * @param required whether the lead counts as qualified only with it
     */
    public record QualificationField(String key, String question, boolean required) {}

    /** The same script, started in another language ("en", "hi", "hinglish"): the campaign's setting wins. */
    public CampaignScript withLanguage(String code) {
        return new CampaignScript(agentName, companyName, code, greeting, purpose, qualificationFields, closing,
                extraInstructions);
    }

    /** The default real-estate script, used when a campaign defines none. */
    public static CampaignScript defaultRealEstate() {
        return new CampaignScript(
                "Riya", "Vaani Realty", "en",
                "Hi {name}, this is Riya from Vaani Realty. You had enquired about a property with us. Is this a good time to talk for two minutes?",
                "We help buyers find apartments, villas and plots that match their needs and budget.",
                List.of(
                        new QualificationField("property_type", "What kind of property are you looking for, an apartment, a villa or a plot? And how many BHK?", true),
                        new QualificationField("location", "Which area or locality would you prefer?", true),
                        new QualificationField("budget", "What budget do you have in mind?", true),
                        new QualificationField("timeline", "By when are you planning to buy?", false),
                        new QualificationField("purpose", "Is it for your own use or as an investment?", false),
                        new QualificationField("financing", "Will you be taking a home loan, or is it self-funded?", false)),
                "Thank you! Our property advisor will call you shortly with options that match. Have a great day!",
                "");
    }
}
