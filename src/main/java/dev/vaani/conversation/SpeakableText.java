package dev.vaani.conversation;

import dev.vaani.conversation.qualification.BudgetRange;
import dev.vaani.conversation.qualification.SpokenAmount;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a voice should read of a sentence the agent wrote. Models write for a screen even when told not to: bold
 * ({@code **}), bullets, headings, emoji, links, "₹85,00,000", "2BHK", "sq.ft". A voice reads those as symbols
 * ("asterisk asterisk"), spells them, or says "eighty-five comma zero zero..."; the caller hears noise.
 *
 * <p>{@link #withoutMarkup} is what the caller hears, in words as written (the transcript keeps it);
 * {@link #forSpeech} is what the synthesiser is given: the same, with amounts, units and links said as words in the
 * sentence's language.
 */
public final class SpeakableText {

    // a heading mark, a bullet or a list number at the start of a line: "## Options", "- Whitefield", "2. Sarjapur"
    private static final Pattern LINE_MARK = Pattern.compile("(?m)^\\s*(?:#{1,6}\\s+|[-*•▪●]\\s+|\\d{1,2}[.)]\\s+(?=\\D))");
    // [text](url): the text is what was meant
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\((?:[^)]*)\\)");
    // emphasis and code marks; an underscore only in a run or at a word's edge (snake_case words keep theirs)
    private static final Pattern EMPHASIS = Pattern.compile("\\*+|`+|~~|__+|(?<!\\w)_|_(?!\\w)");
    /*
     * Pictographs, dingbats and their joiners, variation selectors, skin tones and keycap marks. A zero-width
     * joiner is taken only after a pictograph: inside a Devanagari word it shapes a conjunct.
     */
    private static final Pattern EMOJI = Pattern.compile(
            "(?:[\\p{So}\\x{1F3FB}-\\x{1F3FF}&&[^\\x{20B9}]][\\x{FE0E}\\x{FE0F}\\x{20E3}]?\\x{200D}?)+|[\\x{FE0E}\\x{FE0F}\\x{20E3}]");
    private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" +([,.?!।])");

    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://(?:www\\.)?|www\\.)([a-z0-9-]+(?:\\.[a-z0-9-]+)+)(?:[/?#]\\S*[^\\s.,!?;:])?|\\b([a-z0-9-]+(?:\\.[a-z0-9-]+)*\\."
                    + "(?:com|in|co\\.in|net|org|io|dev|app|info|co))\\b(?:/\\S*[^\\s.,!?;:])?");
    private static final Pattern EMAIL = Pattern.compile("(?i)\\b([a-z0-9._%+-]+)@([a-z0-9-]+(?:\\.[a-z0-9-]+)+)\\b");
    // "₹85,00,000", "Rs. 8,500,000/-", "INR 50000": a whole amount in digits
    private static final Pattern RUPEE_DIGITS = Pattern.compile(
            "(?:₹|\\bRs\\.?|\\bINR)\\s?(\\d{1,3}(?:,\\d{2,3})+|\\d{4,})(?:\\.\\d+)?(?:\\s?/-)?(?![\\d.,]*\\s?(?:L|Cr|K|lakhs?|lacs?|crores?|cr|लाख|करोड़)\\b)");
    // "Rs 85 lakh", "₹1.2 crore": the unit is already a word; the currency is said after it, as people do
    private static final Pattern RUPEE_WORDS = Pattern.compile(
            "(?i)(?:₹|\\bRs\\.?|\\bINR)\\s?(\\d+(?:\\.\\d+)?)\\s?(lakhs?|lacs?|crores?|cr|लाख|करोड़)(?![\\p{L}\\p{M}])");
    // a grouped number with no currency: "85,00,000", "1,20,00,000", "8,500,000" (said in lakh and crore from a lakh)
    private static final Pattern GROUPED = Pattern.compile("(?<![\\d,.])(\\d{1,3}(?:,\\d{2,3})+)(?![\\d,]|\\.\\d)");
    private static final Pattern BHK = Pattern.compile("(?i)(\\d(?:\\.\\d)?)\\s?bhk\\b");
    // the abbreviation's own dot goes ("1200 sq.ft. flat"); a sentence's full stop after it stays
    private static final Pattern SQUARE_FEET = Pattern.compile(
            "(?i:\\bsq\\.?\\s?(?:ft|feet)\\b)(?:\\.(?=\\s+\\p{Ll}))?|(?i:\\bsqft\\b|\\bsft\\b)");
    private static final Pattern PERCENT = Pattern.compile("\\s?%");
    private static final Pattern AMPERSAND = Pattern.compile("\\s?&\\s?");

    private SpeakableText() {
    }

    /** The sentence without markdown, list marks, links' addresses and emoji; its words are untouched. */
    public static String withoutMarkup(String sentence) {
        if (!hasMarkup(sentence)) {
            return sentence.strip();
        }
        String s = LINK.matcher(sentence).replaceAll("$1");
        s = LINE_MARK.matcher(s).replaceAll("");
        s = EMPHASIS.matcher(s).replaceAll("");
        s = EMOJI.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ");
        return SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("$1").strip();
    }

    /** What the synthesiser reads: {@link #withoutMarkup}, with amounts, units and links in words. */
    public static String forSpeech(String sentence, SpokenAmount.Style style) {
        String s = withoutMarkup(sentence);
        boolean hindi = style == SpokenAmount.Style.HINDI;
        String rupees = hindi ? "रुपये" : "rupees";
        String dot = hindi ? " डॉट " : " dot ";
        s = EMAIL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).replace(".", dot) + (hindi ? " एट " : " at ") + m.group(2).replace(".", dot)));
        s = URL.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1) != null ? m.group(1) : m.group(2)).replace(".", dot)));
        s = RUPEE_DIGITS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(amount(digits(m.group(1)), style, rupees)));
        s = RUPEE_WORDS.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + m.group(2) + " " + rupees));
        s = SpokenAmount.speakable(s, style);
        s = GROUPED.matcher(s).replaceAll(m -> {
            long value = digits(m.group(1));
            return Matcher.quoteReplacement(value < BudgetRange.LAKH ? m.group(1)
                    : SpokenAmount.of(BudgetRange.exactly(value), style));
        });
        s = BHK.matcher(s).replaceAll("$1 BHK");
        s = SQUARE_FEET.matcher(s).replaceAll(hindi ? "स्क्वेयर फ़ीट" : "square feet");
        s = PERCENT.matcher(s).replaceAll(hindi ? " प्रतिशत" : " percent");
        s = AMPERSAND.matcher(s).replaceAll(hindi ? " और " : " and ");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** "85 lakhs" (the unit says it is money), "50000 rupees" below a lakh. */
    private static String amount(long value, SpokenAmount.Style style, String rupees) {
        String words = SpokenAmount.of(BudgetRange.exactly(value), style);
        return value < BudgetRange.LAKH && !words.endsWith(rupees) ? words + " " + rupees : words;
    }

    private static long digits(String grouped) {
        String plain = grouped.replace(",", "");
        return plain.length() > 15 ? Long.MAX_VALUE / 2 : Long.parseLong(plain);
    }

    /** Most sentences have nothing to clean: checked first so they cost one scan and no allocation. */
    private static boolean hasMarkup(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '_' || c == '`' || c == '#' || c == '[' || c == '~' || c == '-' || c == '•'
                    || c == '▪' || c == '●' || Character.isSurrogate(c) || (c >= 0x2190 && c <= 0x2BFF)
                    || c == 0xFE0F || c == 0x200D || (c >= '0' && c <= '9' && i + 1 < s.length()
                    && (s.charAt(i + 1) == '.' || s.charAt(i + 1) == ')'))) {
                return true;
            }
        }
        return false;
    }
}
