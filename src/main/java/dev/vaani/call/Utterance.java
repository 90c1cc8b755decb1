package dev.vaani.call;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.ChunkRule;
import dev.vaani.audio.OutboundChunker;
import java.io.ByteArrayOutputStream;

/** An utterance: a sentence of a reply, the greeting, or a filler. */
public final class Utterance {
    final int id;
    final String text;
    final boolean filler;
    final OutboundChunker chunker;
    final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    /** The bot reply this sentence belongs to; null for fillers and for players driven on their own. */
    BotReply reply;
    boolean complete;
    boolean markSent;
    boolean heard;
    long startMs = -1;
    long endMs = -1;
    /** Bytes of this sentence the caller heard before a pause took back the rest, which {@link #audio} holds. */
    long heardBeforePauseBytes;
    /** Bytes at the start of {@link #audio} the caller already heard before the pause: a resume says the word again. */
    long heardAgainBytes;

    Utterance(int id, String text, boolean filler, AudioFormat format, ChunkRule rule, int chunkMs) {
        this.id = id;
        this.text = text;
        this.filler = filler;
        this.chunker = new OutboundChunker(format, rule, chunkMs);
    }

    public int id() {
        return id;
    }

    public String text() {
        return text;
    }
}
