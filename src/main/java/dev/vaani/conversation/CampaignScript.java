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
 * @param localities         the areas the campaign sells in ("Whitefield", "Sarjapur Road", or in Devanagari), which
 *                           the recogniser is told to expect; may be empty
 * <p>
 * A script as a broker sends it may leave parts out (null or blank lines, no qualificationFields): {@link
 * #withDefaultsFrom} fills them before a call reads it.
 */
public record CampaignScript(String agentName, String companyName, String language, String greeting, String purpose,
                             List<QualificationField> qualificationFields, String closing, String extraInstructions,
                             List<String> localities) {

    public CampaignScript {
        // null is kept, not made empty: a script that left its questions out takes the default's, while one that
        // lists none is refused (withDefaultsFrom and the campaign rules tell the two apart)
        // a null question is kept too (not a NullPointerException while the request is read), for the campaign's
        // rules to refuse naming its place in the list
        qualificationFields = qualificationFields == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(qualificationFields));
        localities = localities == null ? List.of()
                : localities.stream().filter(l -> l != null && !l.isBlank()).map(String::strip).toList();
    }

    /** A script without localities. */
    public CampaignScript(String agentName, String companyName, String language, String greeting, String purpose,
                          List<QualificationField> qualificationFields, String closing, String extraInstructions) {
        this(agentName, companyName, language, greeting, purpose, qualificationFields, closing, extraInstructions,
                List.of());
    }

    /**
     * One thing to find out.
     *
     * @param key      snake_case key in collected_data (property_type, location, budget, timeline, purpose, financing)
     * @param question how the agent asks for it
     * @param required whether the lead counts as qualified only with it
     */
    public record QualificationField(String key, String question, boolean required) {}

    /**
     * This script with every part it left out taken from {@code defaults} (the default script in the campaign's
     * language): a blank or missing persona, company, greeting, purpose or closing, and a missing or empty list of
     * questions. A call must never start without a greeting or end "qualified" having asked nothing.
     */
    public CampaignScript withDefaultsFrom(CampaignScript defaults) {
        return new CampaignScript(orDefault(agentName, defaults.agentName), orDefault(companyName, defaults.companyName),
                orDefault(language, defaults.language), orDefault(greeting, defaults.greeting),
                orDefault(purpose, defaults.purpose),
                qualificationFields == null || qualificationFields.isEmpty() ? defaults.qualificationFields
                        : qualificationFields,
                orDefault(closing, defaults.closing),
                extraInstructions == null ? defaults.extraInstructions : extraInstructions, localities);
    }

    private static String orDefault(String line, String defaultLine) {
        return line == null || line.isBlank() ? defaultLine : line;
    }

    /** The same script, started in another language ("en", "hi", "hinglish"): the campaign's setting wins. */
    public CampaignScript withLanguage(String code) {
        return new CampaignScript(agentName, companyName, code, greeting, purpose, qualificationFields, closing,
                extraInstructions, localities);
    }

    /**
     * The same script asking only for these fields, in this order. Empty when a key is not one of the script's fields
     * (the caller says which).
     */
    public java.util.Optional<CampaignScript> askingOnly(List<String> keys) {
        List<QualificationField> chosen = new java.util.ArrayList<>(keys.size());
        for (String key : keys) {
            var field = qualificationFields.stream().filter(f -> f.key().equals(key)).findFirst();
            if (field.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (!chosen.contains(field.get())) {
                chosen.add(field.get());
            }
        }
        return java.util.Optional.of(new CampaignScript(agentName, companyName, language, greeting, purpose, chosen,
                closing, extraInstructions, localities));
    }

    /**
     * The script a campaign in {@code code} speaks: every line left as a default script wrote it (the console's form
     * starts from the English one whatever language is chosen) becomes that default's line in the campaign's language,
     * and every line the broker wrote is kept as written. The persona, instructions and localities are kept.
     */
    public CampaignScript inLanguage(String code) {
        CampaignScript target = defaultRealEstate(Language.orEnglish(code));
        List<QualificationField> fields = qualificationFields.stream().map(f -> isDefaultQuestion(f.question())
                ? new QualificationField(f.key(), target.defaultQuestion(f.key()).orElse(f.question()), f.required())
                : f).toList();
        return new CampaignScript(agentName, companyName, code,
                isDefaultLine(greeting, CampaignScript::greeting) ? target.greeting : greeting,
                isDefaultLine(purpose, CampaignScript::purpose) ? target.purpose : purpose, fields,
                isDefaultLine(closing, CampaignScript::closing) ? target.closing : closing, extraInstructions,
                localities);
    }

    private java.util.Optional<String> defaultQuestion(String key) {
        return qualificationFields.stream().filter(f -> f.key().equals(key)).map(QualificationField::question)
                .findFirst();
    }

    private static boolean isDefaultLine(String line, java.util.function.Function<CampaignScript, String> part) {
        String written = line == null ? "" : line.strip();
        for (Language language : Language.values()) {
            if (part.apply(defaultRealEstate(language)).equals(written)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The default real-estate script in a language: Hindi gets its own lines in Devanagari; Hinglish takes the English
     * script, whose questions the agent then asks from its Hinglish phrasebook.
     */
    public static CampaignScript defaultRealEstate(Language language) {
        return switch (language) {
            case ENGLISH -> defaultRealEstate();
            case HINGLISH -> defaultRealEstate().withLanguage(Language.HINGLISH.code());
            case HINDI -> new CampaignScript(
                    "Riya", "Vaani Realty", Language.HINDI.code(),
                    "नमस्ते {name} जी, मैं वाणी रियल्टी से रिया बोल रही हूँ। आपने हमसे एक प्रॉपर्टी के बारे में पूछा था। क्या अभी दो मिनट बात कर सकते हैं?",
                    "हम खरीदारों को उनकी ज़रूरत और बजट के हिसाब से फ्लैट, विला और प्लॉट ढूँढने में मदद करते हैं।",
                    List.of(
                            new QualificationField("property_type", "आप किस तरह की प्रॉपर्टी देख रहे हैं, फ्लैट, विला या प्लॉट? और कितने बीएचके?", true),
                            new QualificationField("location", "आप किस इलाके में प्रॉपर्टी देख रहे हैं?", true),
                            new QualificationField("budget", "आपका बजट कितना है?", true),
                            new QualificationField("timeline", "आप कब तक खरीदने का सोच रहे हैं?", false),
                            new QualificationField("purpose", "यह अपने रहने के लिए है या इन्वेस्टमेंट के लिए?", false),
                            new QualificationField("financing", "क्या आप होम लोन लेंगे, या अपने पैसों से खरीदेंगे?", false)),
                    "धन्यवाद! हमारे प्रॉपर्टी एडवाइज़र जल्दी ही आपके बजट के हिसाब से विकल्पों के साथ आपको कॉल करेंगे। आपका दिन शुभ हो!",
                    "");
        };
    }

    /** Whether {@code question} is one of the default scripts' questions, in any language, as Vaani wrote it. */
    public static boolean isDefaultQuestion(String question) {
        String asked = question == null ? "" : question.strip();
        for (Language language : Language.values()) {
            if (defaultRealEstate(language).qualificationFields().stream().anyMatch(f -> f.question().equals(asked))) {
                return true;
            }
        }
        return false;
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
