package dev.vaani.conversation.qualification;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller who corrects themselves within one answer ("budget 50 lakh, no sorry, 70 lakh", "Whitefield, actually
 * Sarjapur", "पचास लाख, मतलब सत्तर लाख") means what follows the correction. The turn is read as the words before the
 * last such phrase and the words after it; a field said in both is the one said after.
 *
 * <p>A bare "no" is no marker: "flat, no plot" and "not a villa" turn a thing down, which the parsers read.
 */
public record SelfCorrection(String before, String after) {

    private static final Pattern MARKER = Pattern.compile("(?iU)\\b(?:no,?\\s+sorry|sorry|actually|i\\s+mean|i\\s+meant"
            + "|no\\s+wait|or\\s+rather|rather|make\\s+(?:it|that)|correction|scratch\\s+that|nahi,?\\s+nahi|nahin,?\\s+nahin"
            + "|mera\\s+matlab|matlab|asal\\s+mein|नहीं,?\\s+नहीं|मेरा\\s+मतलब|मतलब|सॉरी|असल\\s+में)\\b[,.!]?");

    // what may come before a correction that opens a turn: "no sorry, 70 lakh", "arre nahi nahi, Sarjapur"
    private static final Pattern OPENING = Pattern.compile("(?iU)(?:no|oh|arre|are|ji|haan|nahi|nahin|नहीं|अरे|जी)?[,.!]?");

    /**
     * Whether the turn starts by correcting what the caller said last ("no sorry, 70 lakh", "actually, Sarjapur"):
     * its answer then replaces the previous one.
     */
    public static boolean opensWith(String utterance) {
        if (utterance == null) {
            return false;
        }
        Matcher m = MARKER.matcher(utterance);
        return m.find() && OPENING.matcher(utterance.substring(0, m.start()).strip()).matches()
                && !utterance.substring(m.end()).isBlank();
    }

    /** The turn cut at its last correction phrase, when it has one with words on both sides. */
    static Optional<SelfCorrection> in(String utterance) {
        if (utterance == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(utterance);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start();
            end = m.end();
        }
        if (start < 0) {
            return Optional.empty();
        }
        String before = utterance.substring(0, start).strip();
        String after = utterance.substring(end).strip();
        return before.isEmpty() || after.isEmpty() ? Optional.empty() : Optional.of(new SelfCorrection(before, after));
    }
}
