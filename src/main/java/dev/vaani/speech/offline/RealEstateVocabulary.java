package dev.vaani.speech.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * What an Indian real-estate lead typically answers on a qualification call, as training sentences for the
 * per-call language model. Templates are crossed with numbers, property types and localities so every combination
 * is possible without listing each one.
 */
final class RealEstateVocabulary {

    static final List<String> LOCALITIES = List.of("whitefield", "sarjapur", "sarjapur road", "electronic city",
            "koramangala", "hebbal", "yelahanka", "marathahalli", "bellandur", "indiranagar", "jayanagar",
            "andheri", "powai", "bandra", "thane", "kharghar", "goregaon", "malad", "borivali", "chembur",
            "gachibowli", "hinjewadi", "wakad", "baner", "kharadi", "noida", "gurgaon", "dwarka");

    private static final List<String> PROPERTY_TYPES = List.of("apartment", "flat", "villa", "plot", "house",
            "independent house", "builder floor", "row house", "penthouse");

    private static final List<String> SHORT_ANSWERS = List.of("yes", "no", "okay", "ok", "yeah", "sure", "haan",
            "yes please", "no thanks", "no thank you", "not interested", "i am not interested",
            "i'm not interested", "call me later", "please call me later", "call me tomorrow", "call me next week",
            "i am busy", "i am busy right now", "i am driving", "who is this", "wrong number", "tell me more",
            "sounds good", "maybe", "i don't know", "not sure", "not now", "send me the details",
            "send details on whatsapp", "what is the price", "what is the location", "hello", "sorry", "repeat please",
            "can you repeat", "thank you", "bye");

    private static final List<String> PURPOSE_AND_TIMING = List.of("for investment", "it is for investment",
            "for my own use", "for self use", "for my family", "for my own family to live", "for living",
            "for rental income", "i will take a home loan", "i need a home loan", "home loan", "through a bank loan",
            "full payment", "i will pay cash", "loan is already approved", "immediately", "right now",
            "as soon as possible", "in the next three months", "next three months", "within six months",
            "in six months", "next year", "by the end of this year", "in one year", "just looking",
            "ready to move", "under construction is fine", "site visit this weekend", "i can come on saturday",
            "i can come on sunday", "i want to visit the site");

    private RealEstateVocabulary() {
    }

    /** Written sentences; {@link SpokenForm} turns them into the words the model is trained on. */
    static List<String> sentences() {
        var sentences = new ArrayList<String>();
        sentences.addAll(SHORT_ANSWERS);
        sentences.addAll(PURPOSE_AND_TIMING);
        for (int n = 1; n <= 100; n++) {
            String number = String.join(" ", SpokenForm.spell(n));
            sentences.add(number);
            sentences.add(number + (n == 1 ? " lakh" : " lakhs"));
            sentences.add(number + " lakh");
        }
        for (String budget : List.of("forty lakhs", "fifty lakhs", "sixty lakhs", "seventy five lakhs",
                "eighty lakhs", "ninety lakhs", "one crore", "one and a half crore", "one point five crore",
                "two crore", "three crore")) {
            sentences.add("my budget is " + budget);
            sentences.add("around " + budget);
            sentences.add("about " + budget);
            sentences.add("up to " + budget);
            sentences.add("below " + budget);
            sentences.add(budget + " maximum");
            sentences.add("between " + budget + " and " + budget);
        }
        for (String bedrooms : List.of("one", "two", "three", "four", "five")) {
            sentences.add(bedrooms + " BHK");
            sentences.add("a " + bedrooms + " BHK");
            for (String type : PROPERTY_TYPES) {
                sentences.add(bedrooms + " BHK " + type);
                sentences.add("i want a " + bedrooms + " BHK " + type);
                sentences.add("i am looking for a " + bedrooms + " BHK " + type);
            }
        }
        for (String type : PROPERTY_TYPES) {
            sentences.add(type);
            sentences.add("a " + type);
            sentences.add("i want a " + type);
            sentences.add("i want to buy a " + type);
            sentences.add("looking for a " + type);
        }
        for (String locality : LOCALITIES) {
            sentences.add(locality);
            sentences.add("in " + locality);
            sentences.add("near " + locality);
            sentences.add("somewhere near " + locality);
            sentences.add("a flat in " + locality);
            sentences.add("i want something in " + locality);
            sentences.add("i live in " + locality);
        }
        return sentences;
    }
}
