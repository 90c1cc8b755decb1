package dev.vaani.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FallbackSpeechToTextTest {

    /** A recogniser that reports every audio chunk as a final transcript naming itself. */
    private static SpeechToText echoing(String name) {
        return new SpeechToText() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Stream open(SpeechStreamSettings settings, SpeechListener listener) {
                return new Stream() {
                    @Override
                    public void sendAudio(byte[] pcm, int offset, int length) {
                        listener.onEvent(new SpeechEvent.Final(name, true));
                    }

                    @Override
                    public void finalizeUtterance() {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    private final SpeechStreamSettings settings = new SpeechStreamSettings(8000, "en-IN", List.of(), "CA1");

    @Test
    void aPrimaryThatFailsForGoodHandsTheStreamToTheFallback() {
        List<SpeechEvent> events = new CopyOnWriteArrayList<>();
        SpeechToText.Stream stream = new FallbackSpeechToText(UnavailableSpeech.recogniser("no key"), echoing("offline"))
                .open(settings, events::add);

        stream.sendAudio(new byte[320], 0, 320);

        assertThat(events).containsExactly(new SpeechEvent.Final("offline", true));
    }

    @Test
    void aHealthyPrimaryKeepsTheStream() {
        List<SpeechEvent> events = new CopyOnWriteArrayList<>();
        SpeechToText.Stream stream = new FallbackSpeechToText(echoing("cloud"), echoing("offline")).open(settings, events::add);

        stream.sendAudio(new byte[320], 0, 320);

        assertThat(events).containsExactly(new SpeechEvent.Final("cloud", true));
    }

    @Test
    void aPrimaryThatFailsForGoodWhileOpeningIsClosedAndTheFallbackTakesOver() {
        AtomicBoolean primaryClosed = new AtomicBoolean();
        SpeechToText failsWhileOpening = new SpeechToText() {
            @Override
            public String name() {
                return "cloud";
            }

            @Override
            public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
                listener.onEvent(new SpeechEvent.Failure(SpeechFailure.Kind.UNAUTHORIZED, "401", false));
                return new Stream() {
                    @Override
                    public void sendAudio(byte[] pcm, int offset, int length) {
                        throw new AssertionError("audio went to the failed recogniser");
                    }

                    @Override
                    public void finalizeUtterance() {
                    }

                    @Override
                    public void close() {
                        primaryClosed.set(true);
                    }
                };
            }
        };
        List<SpeechEvent> events = new CopyOnWriteArrayList<>();
        SpeechToText.Stream stream = new FallbackSpeechToText(failsWhileOpening, echoing("offline"))
                .open(settings, events::add);

        stream.sendAudio(new byte[320], 0, 320);

        assertThat(primaryClosed).isTrue();
        assertThat(events).containsExactly(new SpeechEvent.Final("offline", true));
    }

    @Test
    void aStreamClosedByTheCallStaysClosedWhenThePrimaryFailsAfterwards() {
        List<SpeechListener> primaryListener = new CopyOnWriteArrayList<>();
        AtomicBoolean fallbackOpened = new AtomicBoolean();
        SpeechToText failsLater = new SpeechToText() {
            @Override
            public String name() {
                return "cloud";
            }

            @Override
            public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
                primaryListener.add(listener);
                return echoing("cloud").open(streamSettings, listener);
            }
        };
        SpeechToText fallback = new SpeechToText() {
            @Override
            public String name() {
                return "offline";
            }

            @Override
            public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
                fallbackOpened.set(true);
                return echoing("offline").open(streamSettings, listener);
            }
        };
        SpeechToText.Stream stream = new FallbackSpeechToText(failsLater, fallback).open(settings, event -> { });

        stream.close();
        primaryListener.getFirst().onEvent(new SpeechEvent.Failure(SpeechFailure.Kind.CONNECTION_LOST, "reset", false));

        assertThat(fallbackOpened).isFalse();
    }
}
