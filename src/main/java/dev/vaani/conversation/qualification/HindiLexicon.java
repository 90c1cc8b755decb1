package dev.vaani.conversation.qualification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Devanagari as the Latin tokens the qualification rules know: "मुझे व्हाइटफील्ड में टू बीएचके फ्लैट चाहिए" →
 * "mujhe vhaitaphild mein two bhk flat chahiye". Hindi and English words written in Devanagari come from committed
 * word lists (hindi-words.tsv, hindi-numbers.tsv); any other word is transliterated, which is enough for place names
 * (see {@link LocationParser}). Rules written for Hinglish therefore understand Devanagari without a second copy.
 */
final class HindiLexicon {

    private static final int MAX_PHRASE_WORDS = 3;
    private static final Pattern DEVANAGARI_RUN = Pattern.compile("[\\u0900-\\u097F]+(?:[ \\t]+[\\u0900-\\u097F]+)*");
    private static final Pattern DOT_INSIDE_WORD = Pattern.compile("(?<=[\\u0900-\\u097F])\\.(?=[\\u0900-\\u097F])");

    private static final Map<String, String> PHRASES = load();

    private HindiLexicon() {
    }

    /** Replaces every Devanagari run of {@code text} with Latin tokens; other characters are left as they are. */
    static String toLatin(String text) {
        if (!HindiText.containsDevanagari(text)) {
            return text;
        }
        String normal = DOT_INSIDE_WORD.matcher(HindiText.normalise(text)).replaceAll("");
        Matcher m = DEVANAGARI_RUN.matcher(normal);
        StringBuilder out = new StringBuilder(normal.length() + 16);
        int last = 0;
        while (m.find()) {
            out.append(normal, last, m.start()).append(' ').append(runToLatin(m.group())).append(' ');
            last = m.end();
        }
        return out.append(normal, last, normal.length()).toString();
    }

    private static String runToLatin(String run) {
        String[] words = run.trim().split("[ \\t]+");
        List<String> out = new ArrayList<>(words.length);
        int i = 0;
        while (i < words.length) {
            int taken = 0;
            for (int len = Math.min(MAX_PHRASE_WORDS, words.length - i); len >= 1 && taken == 0; len--) {
                String latin = PHRASES.get(String.join(" ", List.of(words).subList(i, i + len)));
                if (latin != null) {
                    out.add(latin);
                    taken = len;
                }
            }
            if (taken == 0) {
                out.add(HindiText.transliterate(words[i]));
                taken = 1;
            }
            i += taken;
        }
        return String.join(" ", out);
    }

    private static Map<String, String> load() {
        Map<String, String> phrases = new HashMap<>();
        readTsv("/qualification/hindi-words.tsv", cols -> phrases.put(HindiText.normalise(cols[0]).trim(), cols[1].trim()));
        // a Devanagari number word reads as its first Latin spelling, which NumberWords knows
        readTsv("/qualification/hindi-numbers.tsv", cols -> {
            String latin = cols[1].split(",")[0].trim();
            for (String devanagari : cols[2].split(",")) {
                phrases.putIfAbsent(HindiText.normalise(devanagari).trim(), latin);
            }
        });
        return Map.copyOf(phrases);
    }

    /** Calls {@code row} with the tab-separated columns of each line that is not blank or a # comment. */
    static void readTsv(String resource, Consumer<String[]> row) {
        try (InputStream in = HindiLexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    row.accept(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Every Hindi number word in Latin spelling, with its value, for {@link NumberWords}. */
    static Map<String, Integer> latinNumberWords() {
        Map<String, Integer> words = new HashMap<>();
        readTsv("/qualification/hindi-numbers.tsv", cols -> {
            for (String latin : cols[1].split(",")) {
                words.putIfAbsent(latin.trim(), Integer.parseInt(cols[0].trim()));
            }
        });
        return words;
    }

    /** Each number from 1 to 100 in its usual Devanagari spelling ("पैंतालीस"), for speaking amounts. */
    static Map<Integer, String> devanagariNumbers() {
        Map<Integer, String> words = new HashMap<>();
        readTsv("/qualification/hindi-numbers.tsv", cols -> words.put(Integer.parseInt(cols[0].trim()),
                cols[2].split(",")[0].trim()));
        return Map.copyOf(words);
    }
}
