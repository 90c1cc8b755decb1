package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.ChunkRule;
import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.Conversation;
import dev.vaani.conversation.ConversationState;
import dev.vaani.conversation.ReplyListener;
import dev.vaani.conversation.TurnInput;
import dev.vaani.speech.TextToSpeech;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One bot reply on its own, on a virtual clock: what a new reply inherits from the one it replaces, its watchdog,
 * the callbacks it ignores once stopped, and what the caller heard of it when cut off. Synthesis answers at once with
 * 100 ms of audio per word; the test plays the agent and the carrier's mark echoes.
 */
class BotReplyTest {

    private static final TurnInput QUESTION = new TurnInput.CallerUtterance("Tell me more.");

    private final VirtualClock time = new VirtualClock();
    private final List<String> marks = new ArrayList<>();
    private final List<byte[]> audio = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<ReplyListener> agentStreams = new ArrayList<>();
    private int streamsCancelled;
    private final OutboundPlayer player = new OutboundPlayer(new AudioFormat(8000), 200, 400, new Carrier(),
            ms -> time.schedule(ms, this::pump), time::nowMs, pcm -> { });
    private final List<String> synthesised = new ArrayList<>();
    private final List<String> toldHeard = new ArrayList<>();
    private final BotVoice voice = new BotVoice(new HeldAgent(), new RecordingVoice(), player, 8000, Runnable::run);
    private final BotReply.Listener listener = new RecordingListener();

    private void pump() {
        player.pump();
    }

    @Nested
    class ANewReplyInherits {

        @Test
        void theEndOfTheCallFromTheReplyItReplaces() {
            BotReply goodbye = BotReply.after(BotReply.none(voice, listener), voice, listener, false,
                    BotReply.Ending.CONTINUE);
            goodbye.endCallAfter(BotReply.Ending.HAND_OVER);

            BotReply next = BotReply.after(goodbye, voice, listener, false, BotReply.Ending.CONTINUE);

            assertThat(goodbye.phase()).isEqualTo(BotReply.Phase.CANCELLED);
            assertThat(next.ending()).isEqualTo(BotReply.Ending.HAND_OVER);
        }

        @Test
        void anEndOfTheCallTheAgentDecidedInAReplyTheCallerHeardPartOf() {
            BotReply goodbye = answering();
            agentStreams.getLast().onText("Thank you for your time. Have a good day.");
            agentStreams.getLast().onComplete();
            goodbye.endCallAfter(BotReply.Ending.HANG_UP);
            time.advance(500);
            player.onMark(marks.getFirst()); // the caller heard the first sentence

            BotReply next = BotReply.after(goodbye, voice, listener, false, BotReply.Ending.CONTINUE);

            assertThat(next.ending()).isEqualTo(BotReply.Ending.HANG_UP);
        }

        @Test
        void noEndOfTheCallTheAgentDecidedInAReplyTheCallerHeardNothingOf() {
            BotReply goodbye = answering();
            agentStreams.getLast().onText("Thank you for your time. Have a good day.");
            agentStreams.getLast().onComplete();
            goodbye.endCallAfter(BotReply.Ending.HANG_UP);

            BotReply next = BotReply.after(goodbye, voice, listener, false, BotReply.Ending.CONTINUE);

            assertThat(next.ending()).isEqualTo(BotReply.Ending.CONTINUE);
        }

        @Test
        void theEndTheCallItselfDecidedEvenWhenNothingOfItsGoodbyeWasHeard() {
            BotReply wrapUp = BotReply.after(BotReply.none(voice, listener), voice, listener, false,
                    BotReply.Ending.HANG_UP);

            assertThat(BotReply.after(wrapUp, voice, listener, false, BotReply.Ending.CONTINUE).ending())
                    .isEqualTo(BotReply.Ending.HANG_UP);
        }

        @Test
        void aHandOverTheAgentDecidedEvenWhenNothingOfItWasHeard() {
            BotReply handOver = answering();
            agentStreams.getLast().onText("Let me connect you to an advisor.");
            agentStreams.getLast().onComplete();
            handOver.endCallAfter(BotReply.Ending.HAND_OVER);

            assertThat(BotReply.after(handOver, voice, listener, false, BotReply.Ending.CONTINUE).ending())
                    .isEqualTo(BotReply.Ending.HAND_OVER);
        }

        @Test
        void theGreetingsProtectionWhileTheGreetingWasNotHeardThrough() {
            BotReply greeting = BotReply.after(BotReply.none(voice, listener), voice, listener, true,
                    BotReply.Ending.CONTINUE);

            assertThat(BotReply.after(greeting, voice, listener, false, BotReply.Ending.CONTINUE).protectsGreeting())
                    .isTrue();
        }

        @Test
        void noProtectionOnceTheGreetingWasHeardThrough() {
            BotReply greeting = BotReply.after(BotReply.none(voice, listener), voice, listener, true,
                    BotReply.Ending.CONTINUE);
            greeting.heardThrough();

            assertThat(BotReply.after(greeting, voice, listener, false, BotReply.Ending.CONTINUE).protectsGreeting())
                    .isFalse();
        }
    }

    @Nested
    class TheWatchdog {

        @Test
        void stopsAReplyWithNoAudioWhenItRunsOut() {
            BotReply reply = answering();

            time.advance(2_499);
            assertThat(events).doesNotContain("too slow");
            time.advance(1);

            assertThat(events).contains("too slow");
            assertThat(reply.phase()).isEqualTo(BotReply.Phase.CANCELLED);
            assertThat(streamsCancelled).isEqualTo(1);
        }

        @Test
        void givesAnAgentThatActedBeforeSpeakingAFreshWait() {
            answering();
            time.advance(1_200);
            agentStreams.getLast().onAction(new AgentAction.SaveLeadDetails(Map.of("location", "Whitefield")));

            time.advance(2_499);
            assertThat(events).doesNotContain("too slow");
            time.advance(1);

            assertThat(events).contains("too slow");
        }

        @Test
        void givesFreshWaitsOnlyAFewTimes() {
            answering();
            for (int i = 0; i < ReplyWatch.WATCHDOG_RENEWALS + 1; i++) {
                time.advance(2_000);
                agentStreams.getLast().onAction(new AgentAction.SaveLeadDetails(Map.of("location", "Whitefield")));
            }

            time.advance(500);

            assertThat(events).contains("too slow");
        }

        @Test
        void leavesAReplyThatIsAlreadySpeaking() {
            BotReply reply = answering();
            agentStreams.getLast().onText("One two three. ");

            time.advance(2_500);

            assertThat(events).doesNotContain("too slow");
            assertThat(reply.producing()).isTrue();
        }
    }

    @Test
    void textTheAgentSendsAfterTheReplyWasStoppedIsNeitherSpokenNorReported() {
        BotReply reply = answering();
        reply.cancel();

        agentStreams.getLast().onText("One two three. ");
        agentStreams.getLast().onComplete();

        assertThat(audio).isEmpty();
        assertThat(events).isEmpty();
        assertThat(reply.phase()).isEqualTo(BotReply.Phase.CANCELLED);
    }

    @Test
    void cutOffInItsSecondSentenceTheCallerHeardTheFirstAndTheWordsPlayedOfTheSecond() {
        BotReply reply = answering();
        agentStreams.getLast().onText("One two three four. Five six seven eight.");
        agentStreams.getLast().onComplete();
        assertThat(events).containsExactly("first audio", "produced");

        time.advance(400);
        player.onMark(marks.getFirst()); // the carrier played the first sentence
        time.advance(200); // and half of the second

        assertThat(reply.interrupt(player.stop())).isEqualTo("One two three four. Five six");
        assertThat(reply.phase()).isEqualTo(BotReply.Phase.INTERRUPTED);
    }

    @Nested
    class WhatTheCallerHears {

        @Test
        void isTheReplyWithoutMarkdownOrEmojiAndWithAmountsInWords() {
            BotReply reply = answering();
            agentStreams.getLast().onText("**Great news!** 😊 We have:\n- A 2BHK in Whitefield for ₹85,00,000, 1200 sq.ft\n");
            agentStreams.getLast().onText("- Details on https://www.vaanirealty.com/projects/12");
            agentStreams.getLast().onComplete();

            assertThat(String.join(" ", synthesised)).isEqualTo("Great news! We have: A 2 BHK in Whitefield for "
                    + "85 lakhs, 1200 square feet Details on vaanirealty dot com");
            assertThat(reply.text()).doesNotContain("*", "😊", "- ").contains("₹85,00,000");
        }

        @Test
        void isAHindiReplyWithAmountsInHindiWords() {
            answering();
            agentStreams.getLast().onText("**बढ़िया!** व्हाइटफील्ड में 2BHK फ्लैट ₹85,00,000 में है 🏠।");
            agentStreams.getLast().onComplete();

            assertThat(String.join(" ", synthesised)).isEqualTo("बढ़िया! व्हाइटफील्ड में 2 BHK फ्लैट पचासी लाख में है।");
        }

        @Test
        void isNoMoreThanTheLengthLimitAndTheAgentIsToldWhereItStopped() {
            BotReply reply = answering();
            String sentence = "This sentence is about seventy characters long, give or take a few. ";
            for (int i = 0; i < 12; i++) {
                agentStreams.getLast().onText(sentence);
            }
            agentStreams.getLast().onComplete();

            int spoken = String.join(" ", synthesised).length();
            assertThat(spoken).isBetween(ReplySpeech.MAX_SPOKEN_CHARS - sentence.length(), ReplySpeech.MAX_SPOKEN_CHARS);
            assertThat(reply.text()).hasSizeLessThanOrEqualTo(ReplySpeech.MAX_SPOKEN_CHARS);
            assertThat(toldHeard).containsExactly(reply.text());
        }

        @Test
        void isAllOfAReplyWithinTheLimitAndTheAgentIsToldNothing() {
            BotReply reply = answering();
            agentStreams.getLast().onText("Sure. Which area do you prefer, Whitefield or Sarjapur?");
            agentStreams.getLast().onComplete();

            assertThat(reply.text()).isEqualTo("Sure. Which area do you prefer, Whitefield or Sarjapur?");
            assertThat(toldHeard).isEmpty();
        }
    }

    /** A reply answering the caller's question, with its watchdog armed. */
    private BotReply answering() {
        BotReply reply = BotReply.after(BotReply.none(voice, listener), voice, listener, false,
                BotReply.Ending.CONTINUE);
        reply.watch(time::schedule, -1, 2_500);
        reply.answer(QUESTION);
        return reply;
    }

    private final class RecordingListener implements BotReply.Listener {
        @Override
        public void onFirstToken() {
        }

        @Override
        public void onFirstSynthesisedAudio() {
            events.add("first audio");
        }

        @Override
        public void onAction(BotReply reply, AgentAction action) {
            events.add("action");
        }

        @Override
        public void onProduced(BotReply reply) {
            events.add("produced");
        }

        @Override
        public void onFailed(BotReply reply, Throwable error) {
            events.add("failed");
        }

        @Override
        public void onBrokenOff(BotReply reply, Throwable error) {
            events.add("broken off");
        }

        @Override
        public void onFillerDue(BotReply reply) {
            events.add("filler due");
        }

        @Override
        public void onTooSlow(BotReply reply) {
            events.add("too slow");
        }
    }

    /** The agent: the test streams its answers through {@link #agentStreams}. */
    private final class HeldAgent implements Conversation {
        @Override
        public Reply respond(TurnInput input, ReplyListener stream) {
            agentStreams.add(stream);
            return () -> streamsCancelled++;
        }

        @Override
        public void onInterrupted(String heardText) {
            toldHeard.add(heardText);
        }

        @Override
        public ConversationState state() {
            return null;
        }
    }

    /** {@link InstantVoice}, keeping the text each synthesis was given. */
    private final class RecordingVoice implements TextToSpeech {
        private final InstantVoice voice = new InstantVoice(100);

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public Synthesis synthesize(String text, int sampleRate, AudioSink sink) {
            synthesised.add(text);
            return voice.synthesize(text, sampleRate, sink);
        }
    }

    private final class Carrier implements CallMedia {
        @Override
        public ChunkRule chunkRule() {
            return new ChunkRule(3200, 100_000, 320);
        }

        @Override
        public void sendAudio(byte[] pcm) {
            audio.add(pcm.clone()); // the player reuses the array
        }

        @Override
        public void mark(String name) {
            marks.add(name);
        }

        @Override
        public void clear() {
        }

        @Override
        public void close() {
        }
    }
}
