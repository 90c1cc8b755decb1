package dev.vaani.call;

import dev.vaani.speech.TextToSpeech;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short clips rendered once and kept in memory: fillers that mask a slow answer ("hmm", "achha", "okay") and the
 * apology said when a provider fails, so it plays even while speech synthesis is down.
 */
public final class PromptAudio {

    private static final Logger log = LoggerFactory.getLogger(PromptAudio.class);

    public static final List<String> FILLERS = List.of("Hmm.", "Achha.", "Okay.", "Right.");
    public static final String APOLOGY = "Sorry, I missed that. Could you say it again?";
    public static final String TROUBLE_GOODBYE = "Sorry, we are having trouble on our side. We will call you back shortly. Goodbye!";

    private final Map<Integer, Map<String, byte[]>> clipsByRate = new ConcurrentHashMap<>();
    private final TextToSpeech renderer;

    public PromptAudio(TextToSpeech renderer) {
        this.renderer = renderer;
    }

    /** Renders every clip at the given rates now (at start-up), so calls never wait for them. */
    public void prepare(int... sampleRates) {
        for (int rate : sampleRates) {
            for (String text : all()) {
                clip(text, rate);
            }
        }
    }

    /** The filler after {@code previous} in rotation, so the same one never plays twice in a row. */
    public int nextFiller(int previous) {
        return (previous + 1) % FILLERS.size();
    }

    public byte[] filler(int index, int sampleRate) {
        return clip(FILLERS.get(index), sampleRate);
    }

    public byte[] clip(String text, int sampleRate) {
        return clipsByRate.computeIfAbsent(sampleRate, rate -> new ConcurrentHashMap<>())
                .computeIfAbsent(text, t -> render(t, sampleRate));
    }

    private byte[] render(String text, int sampleRate) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        try {
            renderer.synthesize(text, sampleRate, pcm -> {
                synchronized (audio) {
                    audio.write(pcm, 0, pcm.length);
                }
            }).completion().get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("Could not render the prompt '{}' with {}: {}; it will be a short pause", text, renderer.name(), e.getMessage());
            return new byte[sampleRate / 5 * 2]; // 200 ms of silence keeps the call's timing sane
        }
        synchronized (audio) {
            return audio.toByteArray();
        }
    }

    private static List<String> all() {
        List<String> texts = new ArrayList<>(FILLERS);
        texts.add(APOLOGY);
        texts.add(TROUBLE_GOODBYE);
        return texts;
    }
}
