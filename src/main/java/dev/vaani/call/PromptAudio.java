package dev.vaani.call;

import dev.vaani.conversation.Language;
import dev.vaani.speech.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call layer's own lines ({@link CallPhrases}: fillers, the apology, the trouble goodbye) rendered once per
 * language and kept in memory, so they play at once, even while speech synthesis is down. Each is rendered in its
 * language ("hi" gets the Hindi voice).
 */
public final class PromptAudio {

    private static final Logger log = LoggerFactory.getLogger(PromptAudio.class);

    private record Key(Language language, String text, int sampleRate) {}

    private final Map<Key, byte[]> clips = new ConcurrentHashMap<>();
    private final TextToSpeech renderer;

    public PromptAudio(TextToSpeech renderer) {
        this.renderer = renderer;
    }

    /** Renders every line of every language at the given rates now (at start-up), so calls never wait for them. */
    public void prepare(int... sampleRates) {
        for (int rate : sampleRates) {
            for (CallPhrases phrases : CallPhrases.ALL) {
                for (String text : phrases.lines()) {
                    clip(phrases.language(), text, rate);
                }
            }
        }
    }

    /** The filler after {@code previous} in rotation, so the same one never plays twice in a row. */
    public int nextFiller(int previous) {
        return (previous + 1) % CallPhrases.ENGLISH.fillers().size();
    }

    public byte[] filler(Language language, int index, int sampleRate) {
        CallPhrases phrases = CallPhrases.forLanguage(language);
        return clip(language, phrases.fillers().get(index), sampleRate);
    }

    /** A line of {@link CallPhrases} in its language, rendered on first use if {@link #prepare} has not yet. */
    public byte[] clip(Language language, String text, int sampleRate) {
        return clips.computeIfAbsent(new Key(language, text, sampleRate), key -> render(key));
    }

    private byte[] render(Key key) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        try {
            renderer.synthesize(key.text(), key.language().code(), key.sampleRate(), pcm -> {
                synchronized (audio) {
                    audio.write(pcm, 0, pcm.length);
                }
            }).completion().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("Could not render the prompt '{}' with {}: {}; it will be a short pause", key.text(),
                    renderer.name(), e.getMessage());
            return new byte[key.sampleRate() / 5 * 2]; // 200 ms of silence keeps the call's timing sane
        }
        synchronized (audio) {
            return audio.toByteArray();
        }
    }
}
