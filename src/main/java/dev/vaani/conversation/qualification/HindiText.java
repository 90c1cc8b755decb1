package dev.vaani.conversation.qualification;

import java.text.Normalizer;

/**
 * The one place Devanagari is made comparable. Recognisers and keyboards write the same Hindi word many ways: a
 * precomposed nukta letter (U+095B ज़) or base + nukta (ज + U+093C), chandrabindu or anusvara for the same nasal
 * (हाँ / हां), invisible joiners (ZWJ/ZWNJ) that change only the glyph, Devanagari digits (५०) or ASCII ones. Every
 * rule that reads Hindi goes through {@link #normalise} first, so lexicons list each word once.
 */
public final class HindiText {

    private static final char NUKTA = '\u093C';
    private static final char ANUSVARA = '\u0902';
    private static final char CHANDRABINDU = '\u0901';
    private static final char VIRAMA = '\u094D';

    private HindiText() {
    }

    /** Whether any character is Devanagari (U+0900–U+097F). */
    public static boolean containsDevanagari(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (isDevanagari(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isDevanagari(char c) {
        return c >= '\u0900' && c <= '\u097F';
    }

    /**
     * NFC, then nukta letters decomposed to base + nukta (NFC itself keeps U+0958–U+095F decomposed, but text may
     * arrive with them precomposed), chandrabindu written as anusvara, joiners and soft hyphens dropped, Devanagari
     * digits as ASCII, danda as a full stop.
     */
    public static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length() + 8);
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            switch (c) {
                case '\u200C', '\u200D', '\u00AD', '\uFEFF' -> { } // ZWNJ, ZWJ, soft hyphen, BOM
                case CHANDRABINDU -> out.append(ANUSVARA);
                case '\u0964', '\u0965' -> out.append('.'); // danda, double danda
                default -> {
                    int precomposed = "\u0958\u0959\u095A\u095B\u095C\u095D\u095E\u095F".indexOf(c);
                    if (precomposed >= 0) {
                        out.append("\u0915\u0916\u0917\u091C\u0921\u0922\u092B\u092F".charAt(precomposed)).append(NUKTA);
                    } else if (c >= '\u0966' && c <= '\u096F') {
                        out.append((char) ('0' + (c - '\u0966')));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A Latin spelling of a normalised Devanagari word, close to how Hinglish is typed ("मुझे" → "mujhe", "पचास" →
     * "pachas", "अंधेरी" → "andheri"): long and short vowels written alike, the inherent vowel dropped at the end of a
     * word and before a virama. Used for words the lexicon does not know, and for fuzzy place-name matching.
     */
    public static String transliterate(String word) {
        StringBuilder out = new StringBuilder(word.length() * 2);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            String consonant = consonant(c);
            if (consonant != null) {
                boolean nukta = i + 1 < word.length() && word.charAt(i + 1) == NUKTA;
                if (nukta) {
                    consonant = switch (c) {
                        case '\u0915' -> "q";
                        case '\u0916', '\u0917' -> "kh".equals(consonant) ? "kh" : "g";
                        case '\u091C' -> "z";
                        case '\u0921', '\u0922' -> "r";
                        case '\u092B' -> "f";
                        default -> consonant;
                    };
                    i++;
                }
                out.append(consonant);
                char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
                boolean lastLetter = i + 1 >= word.length();
                if (!lastLetter && next != VIRAMA && vowelSign(next) == null && next != ANUSVARA
                        && next != '\u0903') {
                    out.append('a'); // the inherent vowel, except at a word's end
                } else if (next == ANUSVARA || next == '\u0903') {
                    out.append('a');
                }
                continue;
            }
            String vowel = vowelSign(c);
            if (vowel == null) {
                vowel = independentVowel(c);
            }
            if (vowel != null) {
                out.append(vowel);
            } else if (c == ANUSVARA) {
                out.append('n');
            } else if (c == VIRAMA || c == NUKTA || c == '\u0903') {
                // no sound of its own here
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String consonant(char c) {
        return switch (c) {
            case 'क' -> "k"; case 'ख' -> "kh"; case 'ग' -> "g"; case 'घ' -> "gh"; case 'ङ' -> "n";
            case 'च' -> "ch"; case 'छ' -> "chh"; case 'ज' -> "j"; case 'झ' -> "jh"; case 'ञ' -> "n";
            case 'ट' -> "t"; case 'ठ' -> "th"; case 'ड' -> "d"; case 'ढ' -> "dh"; case 'ण' -> "n";
            case 'त' -> "t"; case 'थ' -> "th"; case 'द' -> "d"; case 'ध' -> "dh"; case 'न' -> "n";
            case 'प' -> "p"; case 'फ' -> "ph"; case 'ब' -> "b"; case 'भ' -> "bh"; case 'म' -> "m";
            case 'य' -> "y"; case 'र' -> "r"; case 'ल' -> "l"; case 'ळ' -> "l"; case 'व' -> "v";
            case 'श' -> "sh"; case 'ष' -> "sh"; case 'स' -> "s"; case 'ह' -> "h";
            default -> null;
        };
    }

    private static String vowelSign(char c) {
        return switch (c) {
            case 'ा' -> "a"; case 'ि' -> "i"; case 'ी' -> "i"; case 'ु' -> "u"; case 'ू' -> "u";
            case 'ृ' -> "ri"; case 'े' -> "e"; case 'ै' -> "ai"; case 'ो' -> "o"; case 'ौ' -> "au";
            case 'ॅ' -> "e"; case 'ॉ' -> "o";
            default -> null;
        };
    }

    private static String independentVowel(char c) {
        return switch (c) {
            case 'अ' -> "a"; case 'आ' -> "a"; case 'इ' -> "i"; case 'ई' -> "i"; case 'उ' -> "u"; case 'ऊ' -> "u";
            case 'ऋ' -> "ri"; case 'ए' -> "e"; case 'ऐ' -> "ai"; case 'ओ' -> "o"; case 'औ' -> "au";
            case 'ऍ' -> "e"; case 'ऑ' -> "o";
            default -> null;
        };
    }
}
