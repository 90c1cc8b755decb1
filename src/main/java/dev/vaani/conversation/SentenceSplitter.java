package dev.vaani.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts a streamed reply into sentences (or, for long ones, clauses) as soon as each is complete, so speech synthesis
 * can start on the first sentence while the model is still writing the rest.
 *
 * <p>A sentence ends at {@code . ? ! ।} followed by white space, or at the end of the text streamed so far when
 * nothing can follow that would change it. A full stop is not an end inside a number
 * ("1.2 crore"), after a title or abbreviation ("Rs. 50", "Mr. Shah", "e.g."), or in an ellipsis. A sentence longer
 * than {@code clauseMinChars} may also be cut after a comma, semicolon, colon or dash; one longer than
 * {@code maxChars} with no punctuation at all is cut at its last space, so a run-on sentence cannot hold back speech.
 *
 * <p>Not thread-safe; one per reply stream. Scanning is incremental: each character is examined about once.
 */
public final class SentenceSplitter {

    public static final int DEFAULT_CLAUSE_MIN_CHARS = 60;
    public static final int DEFAULT_MAX_CHARS = 200;

    /** Words after which a full stop never ends a sentence. Lower case, without the final dot. */
    private static final Set<String> TITLES = Set.of(
            "mr", "mrs", "ms", "dr", "rs", "inr", "prof", "sr", "jr", "st", "mt", "vs", "e.g", "i.e", "sq", "approx",
            "smt", "shri", "sh", "lt", "col", "capt", "hon", "govt", "dept", "pvt", "bldg", "apt", "nr", "opp");

    /** Words after which a full stop ends a sentence only when a capitalised word follows ("5 p.m. Then ..."). */
    private static final Set<String> AMBIGUOUS = Set.of("a.m", "p.m", "etc", "ltd", "ft", "sq.ft", "km", "co", "inc", "no");

    private static final int NONE = -1;
    private static final int NEED_MORE = -2;

    private final int clauseMinChars;
    private final int maxChars;
    private final StringBuilder buffer = new StringBuilder(256);
    private int scanned;
    /** The last sentence was cut at the end of the text so far: punctuation that arrives next still belongs to it. */
    private boolean cutAtEndOfText;

    public SentenceSplitter() {
        this(DEFAULT_CLAUSE_MIN_CHARS, DEFAULT_MAX_CHARS);
    }

    public SentenceSplitter(int clauseMinChars, int maxChars) {
        if (clauseMinChars < 1 || maxChars <= clauseMinChars) {
            throw new IllegalArgumentException("need 0 < clauseMinChars < maxChars");
        }
        this.clauseMinChars = clauseMinChars;
        this.maxChars = maxChars;
    }

    /** Adds streamed text; returns the sentences it completed, in order (usually none or one). */
    public List<String> add(CharSequence delta) {
        buffer.append(delta);
        List<String> out = null;
        if (cutAtEndOfText && buffer.length() > 0) {
            cutAtEndOfText = false;
            int closing = punctuationRunEnd(0);
            if (closing > 0) {
                out = emit(closing, null); // "!" or a closing quote that belongs to the sentence just cut
                cutAtEndOfText = buffer.isEmpty();
            }
        }
        int i = scanned;
        while (i < buffer.length()) {
            int end = boundaryAt(i);
            if (end == NEED_MORE) {
                break;
            }
            if (end == NONE) {
                i++;
                continue;
            }
            out = emit(end, out);
            i = 0;
        }
        scanned = i;
        if (buffer.length() >= maxChars) {
            int cut = lastSpaceBefore(maxChars);
            if (cut > 0) {
                out = emit(cut, out);
                scanned = 0;
                if (buffer.length() > 0) {
                    List<String> more = add("");
                    if (!more.isEmpty()) {
                        out.addAll(more);
                    }
                }
            }
        }
        return out == null ? List.of() : out;
    }

    /** The unfinished remainder (the end of the reply), trimmed; empty when nothing is left. Resets the splitter. */
    public String flush() {
        String rest = buffer.toString().strip();
        buffer.setLength(0);
        scanned = 0;
        cutAtEndOfText = false;
        return rest;
    }

    /** Drops anything buffered (the reply was cancelled). */
    public void reset() {
        buffer.setLength(0);
        scanned = 0;
        cutAtEndOfText = false;
    }

    private List<String> emit(int end, List<String> out) {
        cutAtEndOfText = end == buffer.length();
        String sentence = buffer.substring(0, end).strip();
        int next = end;
        while (next < buffer.length() && Character.isWhitespace(buffer.charAt(next))) {
            next++;
        }
        buffer.delete(0, next);
        List<String> result = out == null ? new ArrayList<>(2) : out;
        if (!sentence.isEmpty()) {
            result.add(sentence);
        }
        return result;
    }

    /** Where the sentence ending at {@code i} stops (exclusive), NONE if {@code i} ends nothing, NEED_MORE to wait. */
    private int boundaryAt(int i) {
        char c = buffer.charAt(i);
        return switch (c) {
            case '\n' -> hasTextBefore(i) ? i + 1 : NONE;
            case '?', '!', '।', '॥' -> terminatorEnd(i);
            case '.' -> fullStopEnd(i);
            case '…' -> clauseEnd(i, i + 1);
            case ',', ';', ':', '—', '–' -> clauseEnd(i, i + 1);
            default -> NONE;
        };
    }

    private int terminatorEnd(int i) {
        // At the end of what has arrived the sentence ends here: a "!" or closing quote streamed after it comes out
        // as a piece without words (see hasWords).
        return punctuationRunEnd(i + 1);
    }

    /** Where the run of sentence-ending punctuation and closing quotes starting at {@code from} ends. */
    private int punctuationRunEnd(int from) {
        int j = from;
        while (j < buffer.length() && (isTerminator(buffer.charAt(j)) || isClosing(buffer.charAt(j)))) {
            j++;
        }
        return j;
    }

    /**
     * Whether a full stop at the end of the buffer, after this word, certainly ends a sentence. Not after part of a
     * link or an e-mail address ("https://vaanirealty", "sales@vaanirealty"): its dot goes on into the address.
     */
    private boolean endsAfterPlainWord(int dot) {
        String word = wordBefore(dot);
        return !word.isEmpty() && word.indexOf('.') < 0 && word.indexOf('/') < 0 && word.indexOf('@') < 0
                && Character.isLetter(word.charAt(word.length() - 1))
                && !TITLES.contains(word) && !AMBIGUOUS.contains(word) && !isInitial(word);
    }

    private int fullStopEnd(int i) {
        if (i > 0 && buffer.charAt(i - 1) == '.') {
            return NONE; // inside an ellipsis, decided at its first dot
        }
        int j = i + 1;
        if (j < buffer.length() && buffer.charAt(j) == '.') {
            while (j < buffer.length() && buffer.charAt(j) == '.') {
                j++;
            }
            return j == buffer.length() ? NEED_MORE : clauseEnd(i, j);
        }
        while (j < buffer.length() && isClosing(buffer.charAt(j))) {
            j++;
        }
        if (j == buffer.length()) {
            // The model streams the full stop as a token of its own: after a plain word it ends the sentence, and
            // waiting for the next token would delay the first audio by a whole token interval.
            return endsAfterPlainWord(i) ? j : NEED_MORE;
        }
        if (!Character.isWhitespace(buffer.charAt(j))) {
            return NONE; // 1.2, vaani.dev, the inner dot of e.g
        }
        String word = wordBefore(i);
        if (TITLES.contains(word) || isInitial(word)) {
            return NONE;
        }
        if (AMBIGUOUS.contains(word)) {
            int k = j;
            while (k < buffer.length() && Character.isWhitespace(buffer.charAt(k))) {
                k++;
            }
            if (k == buffer.length()) {
                return NEED_MORE;
            }
            return startsSentence(buffer.charAt(k)) ? j : NONE;
        }
        return j;
    }

    /** A comma-like break at {@code i}, ending before {@code afterMark}, only once the sentence is long enough. */
    private int clauseEnd(int i, int afterMark) {
        if (i < clauseMinChars) {
            return NONE;
        }
        if (afterMark >= buffer.length()) {
            return NEED_MORE;
        }
        return Character.isWhitespace(buffer.charAt(afterMark)) ? afterMark : NONE;
    }

    private String wordBefore(int dot) {
        int start = dot;
        while (start > 0 && !Character.isWhitespace(buffer.charAt(start - 1))) {
            start--;
        }
        while (start < dot && isOpening(buffer.charAt(start))) {
            start++;
        }
        return buffer.substring(start, dot).toLowerCase(Locale.ROOT);
    }

    private int lastSpaceBefore(int limit) {
        for (int k = Math.min(limit, buffer.length()) - 1; k > clauseMinChars; k--) {
            if (buffer.charAt(k) == ' ') {
                return k;
            }
        }
        return -1;
    }

    private boolean hasTextBefore(int i) {
        for (int k = 0; k < i; k++) {
            if (!Character.isWhitespace(buffer.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a piece has anything to say. A piece without letters or digits is punctuation that arrived after its
     * sentence was already cut ("!" after "Really?"): it belongs to the text, not to speech.
     */
    public static boolean hasWords(CharSequence text) {
        for (int k = 0; k < text.length(); k++) {
            if (Character.isLetterOrDigit(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInitial(String word) {
        return word.length() == 1 && Character.isLetter(word.charAt(0));
    }

    private static boolean startsSentence(char c) {
        // Devanagari has no case: a letter that is neither upper nor lower case counts as a sentence start.
        return Character.isUpperCase(c) || (Character.isLetter(c) && !Character.isLowerCase(c));
    }

    private static boolean isTerminator(char c) {
        return c == '?' || c == '!' || c == '।' || c == '॥' || c == '.';
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’';
    }

    private static boolean isOpening(char c) {
        return c == '"' || c == '\'' || c == '(' || c == '[' || c == '“' || c == '‘';
    }
}
