package dev.vaani.testing;

import dev.vaani.audio.Pcm16;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A deterministic recogniser for tests: it hears speech by energy and answers each utterance with the next scripted
 * text (an interim with its first word while speech goes on, the final with end-of-speech after 450 ms of silence).
 */
public final class ScriptedSpeechToText implements SpeechToText {

    private final ConcurrentLinkedDeque<String> utterances = new ConcurrentLinkedDeque<>();
    private final ConcurrentHashMap<String, ByteArrayOutputStream> recorded = new ConcurrentHashMap<>();

    /** What the next utterances will be heard as, in order. */
    public ScriptedSpeechToText hears(String... texts) {
        utterances.clear();
        for (String text : texts) {
            utterances.addLast(text);
        }
        return this;
    }

    /** Keeps every byte the call's recognition streams are sent, for {@link #audioSentOn}; only for calls asked. */
    public void record(String callSid) {
        recorded.put(callSid, new ByteArrayOutputStream());
    }

    /** The audio sent to the call's recognition streams since {@link #record} was called for it. */
    public byte[] audioSentOn(String callSid) {
        ByteArrayOutputStream audio = recorded.get(callSid);
        synchronized (audio) {
            return audio.toByteArray();
        }
    }

    @Override
    public String name() {
        return "scripted-test";
    }

    @Override
    public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
        int bytesPerMs = settings.sampleRate() * 2 / 1000;
        ByteArrayOutputStream recording = recorded.get(settings.callSid());
        return new Stream() {
            int speechMs;
            int silenceMs;
            boolean interimSent;
            String current;
            boolean closed;

            @Override
            public void sendAudio(byte[] pcm, int offset, int length) {
                if (closed) {
                    return;
                }
                if (recording != null) {
                    synchronized (recording) {
                        recording.write(pcm, offset, length);
                    }
                }
                int ms = length / bytesPerMs;
                boolean speech = Pcm16.rms(pcm, offset, length) > 500;
                if (speech) {
                    speechMs += ms;
                    silenceMs = 0;
                    if (speechMs >= 100 && !interimSent) {
                        current = utterances.pollFirst();
                        interimSent = true;
                        listener.onEvent(new SpeechEvent.SpeechStarted());
                        if (current != null) {
                            listener.onEvent(new SpeechEvent.Interim(current.split(" ")[0]));
                        }
                    }
                } else if (speechMs > 0) {
                    silenceMs += ms;
                    if (silenceMs >= 450) { // longer than the pauses inside a sentence
                        emitFinal();
                    }
                }
            }

            private void emitFinal() {
                if (speechMs >= 300 || current != null) {
                    listener.onEvent(new SpeechEvent.Final(current == null ? "" : current, true));
                }
                speechMs = 0;
                silenceMs = 0;
                interimSent = false;
                current = null;
            }

            @Override
            public void finalizeUtterance() {
                if (interimSent) {
                    emitFinal();
                }
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
