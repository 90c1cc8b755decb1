package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.audio.ChunkRule;
import dev.vaani.call.session.SessionStore;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationEngine;
import dev.vaani.conversation.ConversationSetup;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.ConversationState;
import dev.vaani.conversation.LeadProfile;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.SpeechEvent;
import dev.vaani.speech.SpeechListener;
import dev.vaani.speech.SpeechStreamSettings;
import dev.vaani.speech.SpeechToText;
import dev.vaani.speech.TextToSpeech;
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One live call on a virtual clock, in milliseconds: when the answer is late the call fills the wait and then
 * apologises exactly when its settings say; at the maximum duration it says goodbye and hangs up once the whole
 * goodbye was heard. Everything runs on the test's thread (the call's
 * executor runs tasks in place, the providers answer in place), so the timing is exact and nothing sleeps.
 */
class LiveCallVirtualClockTest extends VaaniIntegrationTest {

    private static final int RATE = 8000;

    @Autowired
    SessionStore sessions;
    @Autowired
    CallRecordStore records;
    @Autowired
    PromptAudio prompts;
    @Autowired
    CallMetrics metrics;
    @Autowired
    CallRecordWriter recordWriter;
    @Autowired
    VoiceDetection voiceDetection;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    CallProperties settings;

    private final VirtualClock time = new VirtualClock();
    private final List<Sent> sent = new ArrayList<>();
    private SpeechListener recogniser;
    private LiveCall call;
    private long turnEndedAt;

    /** What the call sent to the carrier, and when. */
    private record Sent(long atMs, String kind, byte[] audio, String mark) {}

    @BeforeEach
    void startCallAndPlayTheGreeting() {
        CallServices services = new CallServices(new CallProviders(new HeldRecogniser(), new InstantVoice(),
                new SlowAgent()), sessions, records, prompts, metrics, recordWriter, voiceDetection, events);
        String callSid = "vclock" + UUID.randomUUID().toString().replace("-", "");
        CallContext context = new CallContext(callSid, "MZ" + callSid, RATE, null, null,
                new LeadProfile(null, "Asha Rao", "+919876500001", null), CampaignScript.defaultRealEstate(), Map.of(),
                "+919876500001", "08012345678", "inbound", dev.vaani.conversation.HandOver.CONNECT_NOW);
        call = new LiveCall(context, settings, services, new RecordingMedia(), Runnable::run, time);
        call.begin();
        time.advance(3_000); // the greeting is paced out in real time
        sent.stream().filter(s -> s.kind().equals("mark")).forEach(s -> call.onMark(s.mark()));
        sent.clear();
    }

    @AfterEach
    void endCall() {
        call.onStreamEnded("test-over");
    }

    @Test
    void aFillerPlaysWhenTheAnswerIsLaterThanTheFillerDelay() {
        callerSays("I want a two BHK flat in Pune.");

        time.advance(settings.fillerDelayMs() - 1);
        assertThat(audio()).isEmpty();
        time.advance(1);

        assertThat(audio()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.atMs()).isEqualTo(turnEndedAt + settings.fillerDelayMs()));
    }

    @Test
    void theWatchdogApologisesWhenNoAnswerCameWithin2500Ms() {
        callerSays("I want a two BHK flat in Pune.");
        byte[] apology = prompts.clip(dev.vaani.conversation.Language.ENGLISH, CallPhrases.ENGLISH.apology(), RATE);

        time.advance(2_499);
        assertThat(audio()).noneMatch(s -> startsWith(apology, s.audio()));
        time.advance(1);

        assertThat(audio()).anySatisfy(s -> {
            assertThat(s.atMs()).isEqualTo(turnEndedAt + 2_500);
            assertThat(startsWith(apology, s.audio())).isTrue();
        });
    }

    @Test
    void atTheMaximumDurationTheBotSaysGoodbyeAndHangsUpOnceAllOfItWasHeard() {
        long maxDurationMs = settings.maxDurationMinutes() * 60_000L;
        // the call began at virtual time 0

        time.advance(maxDurationMs - time.nowMs() - 1);
        assertThat(audio()).isEmpty();
        time.advance(1);
        assertThat(audio()).isNotEmpty().first().satisfies(s -> assertThat(s.atMs()).isEqualTo(maxDurationMs));

        time.advance(2_000); // the goodbye is paced out; the carrier has not confirmed it yet
        List<String> marks = sent.stream().filter(s -> s.kind().equals("mark")).map(Sent::mark).toList();
        assertThat(marks).hasSize(2); // one per sentence
        assertThat(sent).noneMatch(s -> s.kind().equals("close"));
        call.onMark(marks.getFirst());
        assertThat(sent).noneMatch(s -> s.kind().equals("close")); // half the goodbye heard: not yet

        call.onMark(marks.getLast());

        assertThat(sent.getLast().kind()).isEqualTo("close");
        assertThat(sent.getLast().atMs()).isEqualTo(time.nowMs());
    }

    private void callerSays(String text) {
        turnEndedAt = time.nowMs();
        recogniser.onEvent(new SpeechEvent.Final(text, true));
    }

    private List<Sent> audio() {
        return sent.stream().filter(s -> s.kind().equals("audio")).toList();
    }

    /** Whether the chunk is the start of the clip (the chunker pads only the last chunk). */
    private static boolean startsWith(byte[] clip, byte[] chunk) {
        int n = Math.min(clip.length, chunk.length);
        return n > 0 && Arrays.equals(clip, 0, n, chunk, 0, n);
    }

    private final class RecordingMedia implements CallMedia {
        @Override
        public ChunkRule chunkRule() {
            return new ChunkRule(3200, 100_000, 320);
        }

        @Override
        public void sendAudio(byte[] pcm) {
            sent.add(new Sent(time.nowMs(), "audio", pcm, null));
        }

        @Override
        public void mark(String name) {
            sent.add(new Sent(time.nowMs(), "mark", null, name));
        }

        @Override
        public void clear() {
            sent.add(new Sent(time.nowMs(), "clear", null, null));
        }

        @Override
        public void close() {
            sent.add(new Sent(time.nowMs(), "close", null, null));
        }
    }

    /** A recogniser that says what the test makes it say. */
    private final class HeldRecogniser implements SpeechToText {
        @Override
        public String name() {
            return "held";
        }

        @Override
        public Stream open(SpeechStreamSettings streamSettings, SpeechListener listener) {
            recogniser = listener;
            return new Stream() {
                @Override
                public void sendAudio(byte[] pcm, int offset, int length) {
                }

                @Override
                public void finalizeUtterance() {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Speech synthesis that answers at once with 100 ms of a tone per word. */
    private static final class InstantVoice implements TextToSpeech {
        @Override
        public String name() {
            return "instant";
        }

        @Override
        public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
            int words = text.trim().split("\\s+").length;
            byte[] pcm = new byte[words * sampleRate / 10 * 2];
            for (int i = 0; i < pcm.length; i += 2) {
                short sample = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i / 2) / sampleRate));
                pcm[i] = (byte) sample;
                pcm[i + 1] = (byte) (sample >> 8);
            }
            sink.onAudio(pcm);
            return new Synthesis() {
                @Override
                public CompletableFuture<Void> completion() {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public void cancel() {
                }
            };
        }
    }

    /** An agent that greets at once and never gets to answering anything else (its provider hangs). */
    private static final class SlowAgent implements ConversationEngine {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public Conversation start(ConversationSetup setup) {
            return new Conversation() {
                @Override
                public Reply respond(TurnInput input, ReplyListener listener) {
                    if (input instanceof TurnInput.Greeting) {
                        listener.onText("Hello Asha, this is Vaani from Acme Homes.");
                        listener.onComplete();
                    } else if (input instanceof TurnInput.WrapUp) {
                        listener.onText("Thank you for your time, Asha. Goodbye.");
                        listener.onComplete();
                    }
                    return () -> { };
                }

                @Override
                public void onInterrupted(String heardText) {
                }

                @Override
                public ConversationState state() {
                    return new ConversationState(ConversationStage.INTRO, Map.of(), false, null, null);
                }
            };
        }
    }
}
