package dev.vaani.call;

import dev.vaani.audio.AudioFormat;

/**
 * What the caller heard of the bot's sentences when they were cut off: of each one the share of its words that its
 * played audio covers. Fillers are left out; they are not part of what the bot said.
 */
final class HeardWords {

    private HeardWords() {
    }

    /**
     * By {@code nowMs}: the utterances sent (whole once their mark came back, else as far as the clock says they
     * played), then those still queued that had started.
     */
    static OutboundPlayer.Heard of(Iterable<Utterance> sent, Iterable<Utterance> queued, long nowMs,
                                   AudioFormat format) {
        StringBuilder heard = new StringBuilder();
        boolean cutShort = false;
        for (Utterance utterance : sent) {
            if (utterance.filler) {
                continue;
            }
            double fraction = utterance.heard ? 1.0 : playedFraction(utterance, nowMs, format);
            cutShort |= fraction < 1.0;
            appendWords(heard, utterance.text, fraction);
        }
        for (Utterance utterance : queued) {
            if (!utterance.filler) { // one not yet started counts only what was heard before a pause
                appendWords(heard, utterance.text, playedFraction(utterance, nowMs, format));
            }
            cutShort |= !utterance.filler;
        }
        return new OutboundPlayer.Heard(heard.toString().trim(), cutShort);
    }

    /**
     * The share of the sentence's audio played by {@code nowMs}. A sentence a pause took back counts what was heard
     * before the pause too: its words span the whole sentence, not the rest the resume plays, whose start (the word
     * the pause cut into, said again) was heard already.
     */
    private static double playedFraction(Utterance utterance, long nowMs, AudioFormat format) {
        long beforePauseMs = format.millis(utterance.heardBeforePauseBytes);
        long restMs = format.millis(utterance.audio.size());
        long restPlayedMs = format.millis(utterance.heardAgainBytes);
        if (utterance.startMs >= 0) {
            long end = utterance.endMs >= 0 ? utterance.endMs : utterance.startMs + restMs;
            restMs = Math.max(end - utterance.startMs, 0);
            restPlayedMs = Math.max(restPlayedMs, Math.clamp(nowMs - utterance.startMs, 0, restMs));
        }
        long wholeMs = beforePauseMs + restMs;
        return wholeMs == 0 ? 0 : (double) (beforePauseMs + restPlayedMs) / wholeMs;
    }

    private static void appendWords(StringBuilder heard, String text, double fraction) {
        if (fraction <= 0 || text == null || text.isBlank()) {
            return;
        }
        String[] words = text.trim().split("\\s+");
        int count = fraction >= 1.0 ? words.length : (int) Math.floor(words.length * fraction);
        for (int i = 0; i < count; i++) {
            heard.append(words[i]).append(' ');
        }
    }
}
