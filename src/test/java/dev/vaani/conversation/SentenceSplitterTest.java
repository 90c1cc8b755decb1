package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceSplitterTest {

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("Hello Priya. How are you?", List.of("Hello Priya.", "How are you?")),
                Arguments.of("Great! Which area? Whitefield, right?", List.of("Great!", "Which area?", "Whitefield, right?")),
                Arguments.of("आपका बजट क्या है। कौन सा इलाका पसंद है?", List.of("आपका बजट क्या है।", "कौन सा इलाका पसंद है?")),
                Arguments.of("The price is Rs. 50 lakh. Shall I share it?", List.of("The price is Rs. 50 lakh.", "Shall I share it?")),
                Arguments.of("Mr. Sharma will call you. Okay?", List.of("Mr. Sharma will call you.", "Okay?")),
                Arguments.of("Villas start at 1.2 crore. Plots are cheaper.", List.of("Villas start at 1.2 crore.", "Plots are cheaper.")),
                Arguments.of("We have options, e.g. a 2 BHK in Wakad. Interested?", List.of("We have options, e.g. a 2 BHK in Wakad.", "Interested?")),
                Arguments.of("That is i.e. the east side. Fine?", List.of("That is i.e. the east side.", "Fine?")),
                Arguments.of("Let me see... yes, we have that.", List.of("Let me see... yes, we have that.")),
                Arguments.of("It costs 1,20,00,000 rupees. Okay.", List.of("It costs 1,20,00,000 rupees.", "Okay.")),
                Arguments.of("Call at 5:30 p.m. tomorrow. Fine?", List.of("Call at 5:30 p.m. tomorrow.", "Fine?")),
                Arguments.of("I will call at 5 p.m. Thank you!", List.of("I will call at 5 p.m.", "Thank you!")),
                Arguments.of("He said \"yes.\" Then he left.", List.of("He said \"yes.\"", "Then he left.")),
                Arguments.of("Really?! Wow.", List.of("Really?!", "Wow.")),
                Arguments.of("Visit vaani.dev for details. Bye.", List.of("Visit vaani.dev for details.", "Bye.")),
                Arguments.of("S. K. Builders made it. Nice.", List.of("S. K. Builders made it.", "Nice.")),
                Arguments.of("No trailing punctuation", List.of("No trailing punctuation")),
                Arguments.of("   ", List.of()),
                Arguments.of("First line\nSecond line", List.of("First line", "Second line")),
                Arguments.of("Since you want a ready-to-move flat close to the metro station in Pune, I would suggest Baner first.",
                        List.of("Since you want a ready-to-move flat close to the metro station in Pune,",
                                "I would suggest Baner first.")),
                Arguments.of("Yes, sure, okay, fine.", List.of("Yes, sure, okay, fine.")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("replies")
    void splitsWholeReply(String reply, List<String> expected) {
        assertThat(split(reply, reply.length())).isEqualTo(expected);
    }

    /**
     * Replies whose sentences come out the same however they are streamed. A dot that arrives alone after a plain
     * word is taken as a full stop at once (see the tests below for what that costs a web address or an ellipsis
     * streamed dot by dot).
     */
    static Stream<Arguments> streamableReplies() {
        return replies().filter(a -> !String.valueOf(a.get()[0]).contains("vaani.dev")
                && !String.valueOf(a.get()[0]).contains("..."));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("streamableReplies")
    void splitsTheSameWhenStreamedCharByChar(String reply, List<String> expected) {
        assertThat(heard(split(reply, 1))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("streamableReplies")
    void splitsTheSameWhenStreamedInTokenSizedPieces(String reply, List<String> expected) {
        assertThat(heard(split(reply, 3))).isEqualTo(expected);
    }

    @Test
    void emitsASentenceAtItsFullStopWithoutWaitingForTheNextToken() {
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("Hello Priya")).isEmpty();
        assertThat(splitter.add(".")).containsExactly("Hello Priya.");
        assertThat(splitter.add(" How are you")).isEmpty();
        assertThat(splitter.add("?")).containsExactly("How are you?");
        assertThat(splitter.flush()).isEmpty();
    }

    @Test
    void waitsForTheNextTokenWhenAFullStopMayBeADecimalPointOrAnAbbreviation() {
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("Villas start at 1.")).isEmpty();
        assertThat(splitter.add("2 crore. Rs.")).containsExactly("Villas start at 1.2 crore.");
        assertThat(splitter.add(" 50 lakh for plots")).isEmpty();
        assertThat(splitter.flush()).isEqualTo("Rs. 50 lakh for plots");
    }

    @Test
    void punctuationStreamedAfterACutSentenceComesOutAsAPieceWithoutWords() {
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("Really?")).containsExactly("Really?");
        List<String> rest = splitter.add("! Wow");
        assertThat(rest).containsExactly("!");
        assertThat(SentenceSplitter.hasWords(rest.getFirst())).isFalse();
        assertThat(splitter.flush()).isEqualTo("Wow");
    }

    @Test
    void anEllipsisStreamedAsOneTokenDoesNotEndTheSentence() {
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("Let me see")).isEmpty();
        assertThat(splitter.add("...")).isEmpty();
        assertThat(splitter.add(" yes, we have that.")).containsExactly("Let me see... yes, we have that.");
    }

    @Test
    void aDotStreamedAloneAfterAWordIsAFullStopEvenInsideAWebAddress() {
        // speaking at once is worth more than a pause inside a rare web address; models stream ".dev" as one token
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("Visit vaani.")).containsExactly("Visit vaani.");
        assertThat(splitter.add("dev for details.")).containsExactly("dev for details.");
    }

    @Test
    void aDotStreamedAfterALinkOrAnEmailAddressWaitsForWhatFollows() {
        // a scheme or an @ says it is an address: cut there, the rest was read out as "com slash p slash 1"
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("See https://vaanirealty")).isEmpty();
        assertThat(splitter.add(".")).isEmpty();
        assertThat(splitter.add("com/p/1. Mail sales@vaani")).containsExactly("See https://vaanirealty.com/p/1.");
        assertThat(splitter.add(".")).isEmpty();
        assertThat(splitter.add("dev today.")).containsExactly("Mail sales@vaani.dev today.");
    }

    @Test
    void dotsStreamedOneByOneAfterACutJoinTheSentenceInTheTranscript() {
        var splitter = new SentenceSplitter();
        assertThat(splitter.add("Let me see.")).containsExactly("Let me see.");
        assertThat(splitter.add(".")).containsExactly(".");
        assertThat(splitter.add(".")).containsExactly(".");
        assertThat(splitter.add(" yes, we have that.")).containsExactly("yes, we have that.");
    }

    @Test
    void cutsARunOnSentenceAtTheLastSpaceBeforeTheLimit() {
        var splitter = new SentenceSplitter(10, 30);
        List<String> out = splitter.add("aaaa bbbb cccc dddd eeee ffff gggg hhhh");
        assertThat(out).containsExactly("aaaa bbbb cccc dddd eeee ffff");
        assertThat(splitter.flush()).isEqualTo("gggg hhhh");
    }

    @Test
    void resetDropsBufferedText() {
        var splitter = new SentenceSplitter();
        splitter.add("Half a sent");
        splitter.reset();
        assertThat(splitter.add("New one. ")).containsExactly("New one.");
    }

    /** The sentences as the transcript records them: punctuation without words joins the sentence before it. */
    private static List<String> heard(List<String> pieces) {
        List<String> sentences = new ArrayList<>();
        for (String piece : pieces) {
            if (!SentenceSplitter.hasWords(piece) && !sentences.isEmpty()) {
                sentences.set(sentences.size() - 1, sentences.getLast() + piece);
            } else {
                sentences.add(piece);
            }
        }
        return sentences;
    }

    private static List<String> split(String reply, int pieceSize) {
        var splitter = new SentenceSplitter();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < reply.length(); i += pieceSize) {
            out.addAll(splitter.add(reply.substring(i, Math.min(reply.length(), i + pieceSize))));
        }
        String rest = splitter.flush();
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }
}
