package dev.vaani.call;

import dev.vaani.audio.ChunkRule;
import dev.vaani.call.session.SessionStore;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
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
import dev.vaani.testing.VaaniIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * One live call on a virtual clock, in milliseconds. Everything runs on the test's thread (the call's executor runs
 * tasks in place, the providers answer in place), so the timing is exact and nothing sleeps.
 *
 * <p>The carrier is simulated: it plays what it is sent in real time, echoes each mark once everything before it has
 * played (unless a test echoes marks itself), and a {@code clear} drops what it had not played yet, with its marks.
 * The caller's side is 20 ms frames fed as the clock moves: silence, or loud noise standing for the caller's voice.
 * Calls use the energy detector, which takes any loud sound for speech and holds it {@value #HANGOVER_MS} ms after
 * the sound stops: the worst case for noise, and exact to the frame.
 *
 * <p>Synthesis answers at once with {@value #MS_PER_WORD} ms of audio per word, so a reply's timing follows from its
 * words. The agent greets, says goodbye when wrapping up, asks a caller it could not make out to say it again
 * ({@link #SAY_AGAIN}), answers a question about projects in three sentences
 * ({@link #ANSWER}), ends the call after a goodbye when the caller is not interested ({@link #GOODBYE}) and goes on when they
 * go on ({@link #GO_ON}), fails
 * at once when asked about a visit ({@link #BREAKS_AT_ONCE}), fails after one sentence and the start of a second when
 * asked about the prices ({@link #BREAKS_AFTER_A_SENTENCE}), and never answers anything else (its provider hangs).
 * Synthesis fails for the sentences a test puts in {@link #unsayable}, and takes {@value #SLOW_SYNTHESIS_MS} ms for
 * those in {@link #slowToSay}.
 */
abstract class VirtualClockCallTest extends VaaniIntegrationTest {

    static final int RATE = 8000;
    static final int MS_PER_WORD = 100;
    /** How long the energy detector keeps hearing speech after the sound stops. */
    static final int HANGOVER_MS = 200;
    static final String ASK_ABOUT_PROJECTS = "Tell me about your projects.";
    /** Three sentences of 600, 800 and 600 ms: whole outbound chunks of 200 ms, so no padding blurs the timing. */
    static final String ANSWER = "We have three projects in Pune. The first one is close to the highway. "
            + "Shall I tell you the prices?";
    static final int ANSWER_MS = 2_000;
    static final String NOT_INTERESTED = "I am not interested.";
    static final String SAY_AGAIN = "Sorry, I didn't quite catch that.";
    static final String GOODBYE = "Thank you for your time, Asha. Have a good day.";
    static final String WRAP_UP_GOODBYE = "Thank you for your time, Asha. Goodbye.";
    /** The answer to a caller who goes on after saying they are not interested. */
    static final String GO_ON = "Of course, please go on.";
    /** The agent's stream fails before any of its answer. */
    static final String BREAKS_AT_ONCE = "Can I visit the site?";
    /** The agent's stream fails after {@link #PRICES_FIRST_SENTENCE} and the start of a second sentence. */
    static final String BREAKS_AFTER_A_SENTENCE = "What are the prices?";
    /** 600 ms of speech. */
    static final String PRICES_FIRST_SENTENCE = "Prices start at sixty five lakhs.";

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
    ApplicationEventPublisher events;
    @Autowired
    CallProperties settings;

    final VirtualClock time = new VirtualClock();
    /** What the call sent to the carrier, and when. */
    final List<Sent> sent = new ArrayList<>();
    /** The transcript lines the call recorded, and when. */
    final List<Line> transcript = new ArrayList<>();
    /** What the agent was asked, and what it was told the caller heard of each interrupted reply. */
    final List<TurnInput> asked = new ArrayList<>();
    final List<String> interruptions = new ArrayList<>();
    /** Sentences whose synthesis fails, without audio. */
    final java.util.Set<String> unsayable = new java.util.HashSet<>();
    static final int SLOW_SYNTHESIS_MS = 1_000;
    /** Sentences whose audio comes {@value #SLOW_SYNTHESIS_MS} ms after they were given to synthesis. */
    final java.util.Set<String> slowToSay = new java.util.HashSet<>();
    /** Whether the simulated carrier echoes marks; a test that echoes them itself turns this off. */
    boolean carrierEchoesMarks = true;
    SpeechListener recogniser;
    LiveCall call;
    /** When the caller's last turn ended (their final transcript came). */
    long turnEndedAt;
    /** The per-turn timings the call reported when it ended; empty while it runs. */
    List<Map<String, Object>> turnTimings = List.of();
    private final Random noise = new Random(7);
    private final List<CallClock.Timer> pendingEchoes = new ArrayList<>();
    private long playheadMs;

    record Sent(long atMs, String kind, byte[] audio, String mark) {
        long audioMs() {
            return audio == null ? 0 : audio.length / (2L * RATE / 1000);
        }
    }

    record Line(long atMs, TranscriptLine line) {}

    @BeforeEach
    void startCallAndPlayTheGreeting() {
        VoiceDetection energy = new VoiceDetection(new VadProperties(VadProperties.Mode.ENERGY, 0.6, 0.35, 150, 120, 20, 1),
                settings);
        ApplicationEventPublisher watched = event -> {
            if (event instanceof CallActivity.Heard heard) {
                transcript.add(new Line(time.nowMs(), heard.line()));
            }
            events.publishEvent(event);
        };
        CallServices services = new CallServices(new CallProviders(new HeldRecogniser(), new FailableVoice(),
                new TestAgent()), sessions, records, prompts, metrics, recordWriter, energy, watched) {
            @Override
            void callEnded(CallContext context, ConversationState state, List<Map<String, Object>> turns,
                           String reason, long durationMs) {
                turnTimings = turns;
                super.callEnded(context, state, turns, reason, durationMs);
            }
        };
        String callSid = "vclock" + UUID.randomUUID().toString().replace("-", "");
        CallContext context = new CallContext(callSid, "MZ" + callSid, RATE, null, null,
                new LeadProfile(null, "Asha Rao", "+919876500001", null), CampaignScript.defaultRealEstate(), Map.of(),
                "+919876500001", "08012345678", "inbound", dev.vaani.conversation.HandOver.CONNECT_NOW, null);
        call = new LiveCall(context, settings, services, new SimulatedCarrier(), Runnable::run, time);
        call.begin();
        silence(3_000); // the greeting is paced out in real time, and heard (its barge-in protection runs out)
        sent.clear();
        transcript.clear();
        asked.clear();
    }

    @AfterEach
    void endCall() {
        call.onStreamEnded("test-over");
    }

    TurnTakingSettings turnTaking() {
        return TurnTakingSettings.from(settings);
    }

    void callerSays(String text) {
        turnEndedAt = time.nowMs();
        recogniser.onEvent(new SpeechEvent.Final(text, true));
    }

    /** The recogniser decides the caller's utterance ended, without a new final. */
    void recogniserEndsTheUtterance() {
        recogniser.onEvent(new SpeechEvent.UtteranceEnd());
    }

    /** The recogniser makes out words, the caller may still be speaking. */
    void recogniserHears(String text) {
        recogniser.onEvent(new SpeechEvent.Final(text, false));
    }

    /** The caller is silent for {@code ms}, in 20 ms frames; the clock moves with the audio. */
    void silence(int ms) {
        frames(ms, false);
    }

    /** The caller makes a loud sound (speech, or noise the detector takes for it) for {@code ms}. */
    void callerSound(int ms) {
        frames(ms, true);
    }

    private void frames(int ms, boolean loud) {
        for (int i = 0; i < ms / 20; i++) {
            time.advance(20);
            byte[] frame = new byte[RATE / 50 * 2];
            if (loud) {
                for (int j = 0; j < frame.length; j += 2) {
                    short sample = (short) (noise.nextInt(12_000) - 6_000);
                    frame[j] = (byte) sample;
                    frame[j + 1] = (byte) (sample >> 8);
                }
            }
            call.onMedia(frame);
        }
    }

    List<Sent> audio() {
        return sent.stream().filter(s -> s.kind().equals("audio")).toList();
    }

    /** The audio sent after the first {@code clear} (a chunk sent in the same millisecond before it was cleared). */
    List<Sent> audioAfterTheClear() {
        int clear = sent.indexOf(sent.stream().filter(s -> s.kind().equals("clear")).findFirst().orElseThrow());
        return sent.subList(clear + 1, sent.size()).stream().filter(s -> s.kind().equals("audio")).toList();
    }

    List<Long> times(String kind) {
        return sent.stream().filter(s -> s.kind().equals(kind)).map(Sent::atMs).toList();
    }

    /** The bot's lines of the transcript, and when they were recorded. */
    List<Line> botLines() {
        return transcript.stream().filter(l -> l.line().speaker().equals(TranscriptLine.AI)).toList();
    }

    /** The carrier: plays in real time, echoes marks once played, and drops what it had not played on clear. */
    private final class SimulatedCarrier implements CallMedia {
        @Override
        public ChunkRule chunkRule() {
            return new ChunkRule(3200, 100_000, 320);
        }

        @Override
        public void sendAudio(byte[] pcm) {
            Sent chunk = new Sent(time.nowMs(), "audio", pcm.clone(), null); // the player reuses the array
            sent.add(chunk);
            playheadMs = Math.max(playheadMs, time.nowMs()) + chunk.audioMs();
        }

        @Override
        public void mark(String name) {
            sent.add(new Sent(time.nowMs(), "mark", null, name));
            if (carrierEchoesMarks) {
                pendingEchoes.add(time.schedule(Math.max(0, playheadMs - time.nowMs()), () -> call.onMark(name)));
            }
        }

        @Override
        public void clear() {
            sent.add(new Sent(time.nowMs(), "clear", null, null));
            playheadMs = time.nowMs();
            pendingEchoes.forEach(CallClock.Timer::cancel);
            pendingEchoes.clear();
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

    /** {@link InstantVoice}, failing at once for the sentences in {@link #unsayable}. */
    private final class FailableVoice implements dev.vaani.speech.TextToSpeech {
        private final InstantVoice voice = new InstantVoice(MS_PER_WORD);

        @Override
        public String name() {
            return "failable";
        }

        @Override
        public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
            if (slowToSay.contains(text)) {
                var done = new java.util.concurrent.CompletableFuture<Void>();
                CallClock.Timer later = time.schedule(SLOW_SYNTHESIS_MS, () -> {
                    voice.synthesize(text, sampleRate, sink);
                    done.complete(null);
                });
                return synthesis(done, later::cancel);
            }
            if (!unsayable.contains(text)) {
                return voice.synthesize(text, sampleRate, sink);
            }
            return synthesis(java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("voice broke")), () -> { });
        }

        private static Synthesis synthesis(java.util.concurrent.CompletableFuture<Void> completion, Runnable cancel) {
            return new Synthesis() {
                @Override
                public java.util.concurrent.CompletableFuture<Void> completion() {
                    return completion;
                }

                @Override
                public void cancel() {
                    cancel.run();
                }
            };
        }
    }

    /** The agent described in the class comment. */
    private final class TestAgent implements ConversationEngine {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public Conversation start(ConversationSetup setup) {
            return new Conversation() {
                @Override
                public Reply respond(TurnInput input, ReplyListener listener) {
                    asked.add(input);
                    switch (input) {
                        case TurnInput.Greeting ignored -> say(listener, "Hello Asha, this is Vaani from Acme Homes.");
                        case TurnInput.WrapUp ignored -> say(listener, WRAP_UP_GOODBYE);
                        case TurnInput.CallerUnclear ignored -> say(listener, SAY_AGAIN);
                        case TurnInput.CallerUtterance said when said.text().equals(ASK_ABOUT_PROJECTS) ->
                                say(listener, ANSWER);
                        case TurnInput.CallerUtterance said when said.text().equals(BREAKS_AT_ONCE) ->
                                listener.onError(new IllegalStateException("stream broke"));
                        case TurnInput.CallerUtterance said when said.text().equals(BREAKS_AFTER_A_SENTENCE) -> {
                            listener.onText(PRICES_FIRST_SENTENCE + " For a three");
                            listener.onError(new IllegalStateException("stream broke"));
                        }
                        case TurnInput.CallerUtterance said when said.text().startsWith(NOT_INTERESTED + " ") ->
                                say(listener, GO_ON);
                        case TurnInput.CallerUtterance said when said.text().equals(NOT_INTERESTED) -> {
                            listener.onText(GOODBYE);
                            listener.onAction(new AgentAction.EndCall(CallOutcome.NOT_INTERESTED, "not interested"));
                            listener.onComplete();
                        }
                        default -> { } // the provider hangs
                    }
                    return () -> { };
                }

                @Override
                public void onInterrupted(String heardText) {
                    interruptions.add(heardText);
                }

                @Override
                public ConversationState state() {
                    return new ConversationState(ConversationStage.INTRO, Map.of(), false, null, null, false);
                }
            };
        }

        private static void say(ReplyListener listener, String text) {
            listener.onText(text);
            listener.onComplete();
        }
    }
}
