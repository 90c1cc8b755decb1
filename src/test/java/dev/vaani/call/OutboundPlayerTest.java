package dev.vaani.call;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.vaani.audio.AudioFormat;
import dev.vaani.audio.ChunkRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bot's audio out: chunks the carrier's rule allows, marks, real-time pacing, pause/resume, stop and discard. */
class OutboundPlayerTest {

    private static final int RATE = 8000;
    private static final int BYTES_PER_MS = RATE * 2 / 1000;
    private static final int LEAD_MS = 400;
    private static final int CHUNK_MS = 200;

    private final JsonMapper json = new JsonMapper();
    private final List<JsonNode> messages = new ArrayList<>();
    private final List<Long> wakeUps = new ArrayList<>();
    private final List<Long> sentMsAtSend = new ArrayList<>();
    private long nowMs = 1_000_000;
    private long startMs = nowMs;
    private long sentAudioMs;
    /** A carrier that keeps what the player sent, in the shape Exotel's frames have (event, stream_sid, mark, media). */
    private final CallMedia media = new CallMedia() {
        @Override
        public ChunkRule chunkRule() {
            return new ChunkRule(3200, 100_000, 320);
        }

        @Override
        public void sendAudio(byte[] pcm) {
            ObjectNode node = frame("media");
            node.putObject("media").put("payload", Base64.getEncoder().encodeToString(pcm));
            messages.add(node);
            sentAudioMs += pcm.length / BYTES_PER_MS;
            // how far ahead of real time the carrier's buffer is once this chunk is in
            sentMsAtSend.add(sentAudioMs - (nowMs - startMs));
        }

        @Override
        public void mark(String name) {
            ObjectNode node = frame("mark");
            node.putObject("mark").put("name", name);
            messages.add(node);
        }

        @Override
        public void clear() {
            messages.add(frame("clear"));
        }

        @Override
        public void close() {
            messages.add(frame("closed"));
        }

        private ObjectNode frame(String event) {
            return json.createObjectNode().put("event", event).put("stream_sid", "MZ1");
        }
    };
    private final OutboundPlayer player = new OutboundPlayer(new AudioFormat(RATE), CHUNK_MS, LEAD_MS, media,
            millis -> {
                assertThat(millis).isPositive();
                wakeUps.add(nowMs + millis);
            }, () -> nowMs, pcm -> { });

    @Test
    void chunksAreMultiplesOf320BytesBetween3200And100000() {
        Random random = new Random(7);
        Utterance utterance = player.begin("A sentence of some length.", false);
        byte[] audio = ramp(1_370 * BYTES_PER_MS + 2 * 37); // not a whole number of chunks, frames or samples of 320
        int offset = 0;
        while (offset < audio.length) {
            int size = Math.min(audio.length - offset, 2 * (1 + random.nextInt(700)));
            player.append(utterance, Arrays.copyOfRange(audio, offset, offset + size));
            offset += size;
        }
        player.complete(utterance);
        runUntilIdle();

        List<byte[]> chunks = mediaPayloads();
        assertThat(chunks).isNotEmpty().allSatisfy(chunk -> {
            assertThat(chunk.length % 320).isZero();
            assertThat(chunk.length).isBetween(3200, 100_000);
        });
        byte[] played = concat(chunks);
        assertThat(Arrays.copyOf(played, audio.length)).isEqualTo(audio);
        assertThat(Arrays.copyOfRange(played, audio.length, played.length)).containsOnly((byte) 0);
    }

    @Test
    void aMarkFollowsEachUtteranceAfterItsLastChunk() {
        Utterance first = player.begin("First.", false);
        player.append(first, ramp(500 * BYTES_PER_MS));
        player.complete(first);
        Utterance second = player.begin("Second.", false);
        player.append(second, ramp(300 * BYTES_PER_MS));
        player.complete(second);
        runUntilIdle();

        List<String> events = messages.stream().map(m -> m.path("event").asString()
                + (m.has("mark") ? ":" + m.path("mark").path("name").asString() : "")).toList();
        // 500 ms → 200 + 200 + 100 padded to 200; 300 ms → 200 + 100 padded
        assertThat(events).containsExactly("media", "media", "media", "mark:u" + first.id(), "media", "media",
                "mark:u" + second.id());
        assertThat(messages).allSatisfy(m -> assertThat(m.path("stream_sid").asString()).isEqualTo("MZ1"));
    }

    @Test
    void pacingNeverRunsMoreThanTheLeadAheadAndSchedulesWakeUps() {
        Utterance utterance = player.begin("A long reply.", false);
        player.append(utterance, ramp(3_000 * BYTES_PER_MS));
        player.complete(utterance);

        assertThat(mediaPayloads()).hasSizeLessThanOrEqualTo(LEAD_MS / CHUNK_MS);
        assertThat(wakeUps).isNotEmpty();
        runUntilIdle();

        assertThat(concat(mediaPayloads())).hasSize(3_000 * BYTES_PER_MS);
        assertThat(sentMsAtSend).allSatisfy(ahead -> assertThat(ahead).isLessThanOrEqualTo(LEAD_MS));
        // the whole reply took about its own duration to send, not less
        assertThat(nowMs - startMs).isGreaterThanOrEqualTo(3_000 - LEAD_MS);
    }

    @Test
    void pauseSendsClearAndResumeReplaysFromWhereTheCallerStoppedHearing() {
        byte[] audio = ramp(2_000 * BYTES_PER_MS);
        Utterance utterance = player.begin("one two three four", false);
        player.append(utterance, audio);
        player.complete(utterance);
        advanceTo(startMs + 700);
        int before = messages.size();

        player.pause();

        assertThat(messages.subList(before, messages.size())).extracting(m -> m.path("event").asString())
                .containsExactly("clear");
        advanceTo(startMs + 1_500); // paused: nothing more goes out however long we wait
        assertThat(messages).hasSize(before + 1);

        player.resume();

        byte[] firstAfterResume = payload(messages.get(before + 1));
        int heard = 700 * BYTES_PER_MS;
        assertThat(firstAfterResume).isEqualTo(Arrays.copyOfRange(audio, heard, heard + firstAfterResume.length));
        startMs = nowMs;
        sentAudioMs = 0;
        runUntilIdle();
        byte[] replayed = concat(mediaPayloadsFrom(before + 1));
        assertThat(Arrays.copyOf(replayed, audio.length - heard))
                .isEqualTo(Arrays.copyOfRange(audio, heard, audio.length));
    }

    @Test
    void aResumeSaysAgainTheWordThePauseCutInto() {
        byte[] audio = concat(List.of(word(300), new byte[60 * BYTES_PER_MS], word(900)));
        Utterance utterance = player.begin("one two", false);
        player.append(utterance, audio);
        player.complete(utterance);
        advanceTo(startMs + 560); // 200 ms into "two"
        player.pause();
        int before = messages.size();

        player.resume();

        byte[] firstAfterResume = payload(messages.get(before));
        int gap = 340 * BYTES_PER_MS; // the gap's last 20 ms, then "two" from its start
        assertThat(firstAfterResume).isEqualTo(Arrays.copyOfRange(audio, gap, gap + firstAfterResume.length));
    }

    @Test
    void whatTheCallerHeardBeforeAPauseStaysHeardWhileTheWordIsSaidAgain() {
        byte[] audio = concat(List.of(word(500), new byte[60 * BYTES_PER_MS], word(1440)));
        Utterance utterance = player.begin("one two three four five six seven eight", false);
        player.append(utterance, audio);
        player.complete(utterance);
        advanceTo(startMs + 800); // "one two three", 240 ms into the long word after the gap
        player.pause();
        player.resume();
        advanceTo(nowMs + 40); // paused again, while the resume says that word again

        OutboundPlayer.Heard heard = player.stop();

        assertThat(heard.text()).isEqualTo("one two three");
    }

    @Test
    void stopReturnsTheHeardWordsAndSendsClear() {
        Utterance utterance = sentence("one two three four five six seven eight", 2_000);
        advanceTo(startMs + 1_000);
        int before = messages.size();

        OutboundPlayer.Heard heard = player.stop();

        assertThat(heard.text()).isEqualTo("one two three four");
        assertThat(heard.cutShort()).isTrue();
        assertThat(messages.subList(before, messages.size())).extracting(m -> m.path("event").asString())
                .containsExactly("clear");
        assertThat(player.busy()).isFalse();
        advanceTo(startMs + 3_000);
        assertThat(messages).hasSize(before + 1);
    }

    @Test
    void stopAfterPauseReportsWhatWasHeardAtThePause() {
        Utterance utterance = sentence("one two three four", 2_000);
        advanceTo(startMs + 1_000);
        player.pause();
        advanceTo(startMs + 1_900);
        int before = messages.size();

        OutboundPlayer.Heard heard = player.stop();

        assertThat(heard.text()).isEqualTo("one two");
        assertThat(messages).hasSize(before); // the pause already cleared Exotel's buffer
    }

    @Test
    void aResumedSentenceCutOffCountsWhatWasHeardBeforeThePauseToo() {
        Utterance utterance = sentence("one two three four five six seven eight", 2_000);
        advanceTo(startMs + 1_000); // "one two three four"
        player.pause();
        player.resume();
        advanceTo(nowMs + 500); // and "five six"

        OutboundPlayer.Heard heard = player.stop();

        assertThat(heard.text()).isEqualTo("one two three four five six");
        assertThat(heard.cutShort()).isTrue();
    }

    @Test
    void aSecondPauseRemembersWhatTheFirstHadHeard() {
        Utterance utterance = sentence("one two three four five six seven eight", 2_000);
        advanceTo(startMs + 1_000);
        player.pause();
        player.resume();
        advanceTo(nowMs + 40); // a possible onset paused it again at once: "wait … can you repeat"
        player.pause();

        OutboundPlayer.Heard heard = player.stop();

        assertThat(heard.text()).isEqualTo("one two three four");
    }

    @Test
    void aResumedSentenceHeardThroughIsHeardWhole() {
        List<String> heard = new ArrayList<>();
        player.onUtteranceHeard(u -> heard.add(u.text()));
        Utterance utterance = sentence("one two three four", 2_000);
        advanceTo(startMs + 1_000);
        player.pause();
        player.resume();
        startMs = nowMs;
        sentAudioMs = 0;
        runUntilIdle();

        player.onMark(messages.getLast().path("mark").path("name").asString());

        assertThat(heard).containsExactly("one two three four");
    }

    @Test
    void discardingACancelledReplyNeverBlocksLaterAudio() {
        Utterance playing = player.begin("Cut off mid sentence.", false);
        player.append(playing, ramp(300 * BYTES_PER_MS)); // synthesis still running: not complete
        Utterance waiting = player.begin("Never synthesised.", false);
        advanceTo(startMs + 100);

        player.discard(List.of(playing, waiting));
        Utterance next = player.begin("The next reply.", false);
        player.append(next, ramp(400 * BYTES_PER_MS));
        player.complete(next);
        runUntilIdle();

        assertThat(marks()).containsExactly("u" + playing.id(), "u" + next.id());
        player.onMark("u" + next.id());
        assertThat(player.busy()).isFalse();
    }

    @Test
    void discardingAReplyThatNeverStartedDropsIt() {
        Utterance cancelled = player.begin("Cancelled before any audio.", false);
        player.discard(List.of(cancelled));
        Utterance next = player.begin("Next.", false);
        player.append(next, ramp(200 * BYTES_PER_MS));
        player.complete(next);
        runUntilIdle();

        assertThat(marks()).containsExactly("u" + next.id());
        assertThat(concat(mediaPayloads())).hasSize(200 * BYTES_PER_MS);
    }

    @Test
    void fillerUtterancesAreExcludedFromTheHeardText() {
        Utterance filler = player.begin("Hmm.", true);
        player.append(filler, ramp(200 * BYTES_PER_MS));
        player.complete(filler);
        Utterance answer = player.begin("alpha beta gamma delta", false);
        player.append(answer, ramp(800 * BYTES_PER_MS));
        player.complete(answer);
        advanceTo(startMs + 600); // filler played, answer half played

        OutboundPlayer.Heard heard = player.stop();

        assertThat(heard.text()).isEqualTo("alpha beta");
    }

    @Test
    void aFillerGoesAheadOfReplySentencesStillWaitingForSynthesis() {
        Utterance answer = player.begin("The answer.", false);
        assertThat(player.audible()).isFalse();

        Utterance filler = player.begin("Hmm.", true);
        player.append(filler, ramp(200 * BYTES_PER_MS));
        player.complete(filler);

        assertThat(player.audible()).isTrue();
        assertThat(marks()).containsExactly("u" + filler.id());
        player.append(answer, ramp(200 * BYTES_PER_MS));
        player.complete(answer);
        runUntilIdle();
        assertThat(marks()).containsExactly("u" + filler.id(), "u" + answer.id());
    }

    @Test
    void aFillerNeverCutsIntoAnUtteranceAlreadyPlaying() {
        Utterance playing = player.begin("Still synthesising.", false);
        player.append(playing, ramp(200 * BYTES_PER_MS));
        Utterance filler = player.begin("Hmm.", true);
        player.append(filler, ramp(200 * BYTES_PER_MS));
        player.complete(filler);
        player.complete(playing);
        runUntilIdle();

        assertThat(marks()).containsExactly("u" + playing.id(), "u" + filler.id());
    }

    @Test
    void aFillerAloneIsHeardAsNothing() {
        Utterance filler = player.begin("Achha.", true);
        player.append(filler, ramp(200 * BYTES_PER_MS));
        player.complete(filler);
        advanceTo(startMs + 100);

        assertThat(player.stop().text()).isEmpty();
    }

    @Test
    void allHeardIsReportedWhenTheLastMarkComesBack() {
        List<String> calls = new ArrayList<>();
        player.onAllHeard(() -> calls.add("all heard"));
        player.onFirstAudio(() -> calls.add("first audio"));
        Utterance utterance = player.begin("Hello.", false);
        player.append(utterance, ramp(200 * BYTES_PER_MS));
        player.complete(utterance);
        runUntilIdle();
        assertThat(calls).containsExactly("first audio");

        player.onMark("u" + utterance.id());

        assertThat(calls).containsExactly("first audio", "all heard");
        assertThat(player.busy()).isFalse();
    }

    @Test
    void aMarkForAudioTheClearTookBackIsNotTakenAsTheResumedAudioHeard() {
        // carriers that echo pending marks when they clear (Twilio, the simulator) send the old mark after a resume
        List<String> calls = new ArrayList<>();
        player.onAllHeard(() -> calls.add("all heard"));
        Utterance utterance = player.begin("one two three four", false);
        player.append(utterance, ramp(1_000 * BYTES_PER_MS));
        player.complete(utterance);
        runUntilIdle(); // all sent, mark included: the carrier still has it to play
        player.pause();
        player.resume();
        startMs = nowMs;
        sentAudioMs = 0;
        runUntilIdle();

        player.onMark("u" + utterance.id()); // the mark of the audio the clear took back

        assertThat(calls).isEmpty();
        assertThat(player.busy()).isTrue();
        String resumedMark = messages.getLast().path("mark").path("name").asString();
        player.onMark(resumedMark);
        assertThat(calls).containsExactly("all heard");
    }

    // --- a fake clock driving the player's wake-ups ---

    /** A whole sentence of {@code ms} of audio, handed to the player to play. */
    private Utterance sentence(String text, int ms) {
        Utterance utterance = player.begin(text, false);
        player.append(utterance, ramp(ms * BYTES_PER_MS));
        player.complete(utterance);
        return utterance;
    }

    private void advanceTo(long targetMs) {
        while (true) {
            Long next = wakeUps.stream().min(Long::compare).orElse(null);
            if (next == null || next > targetMs) {
                break;
            }
            wakeUps.remove(next);
            nowMs = Math.max(nowMs, next);
            player.pump();
        }
        nowMs = Math.max(nowMs, targetMs);
    }

    private void runUntilIdle() {
        for (int i = 0; i < 10_000 && !wakeUps.isEmpty(); i++) {
            advanceTo(wakeUps.stream().min(Long::compare).orElseThrow());
        }
        assertThat(wakeUps).isEmpty();
    }

    private List<byte[]> mediaPayloads() {
        return mediaPayloadsFrom(0);
    }

    private List<byte[]> mediaPayloadsFrom(int from) {
        return messages.subList(from, messages.size()).stream()
                .filter(m -> m.path("event").asString().equals("media")).map(OutboundPlayerTest::payload).toList();
    }

    private List<String> marks() {
        return messages.stream().filter(m -> m.path("event").asString().equals("mark"))
                .map(m -> m.path("mark").path("name").asString()).toList();
    }

    private static byte[] payload(JsonNode media) {
        return Base64.getDecoder().decode(media.path("media").path("payload").asString());
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** A loud stretch of distinct samples (10 001 and up), like a spoken word between gaps. */
    private static byte[] word(int ms) {
        byte[] pcm = new byte[ms * BYTES_PER_MS];
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int value = 10_001 + (i / 2) % 20_000;
            pcm[i] = (byte) value;
            pcm[i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    /** Distinct, non-zero samples, so every position in the audio is recognisable. */
    private static byte[] ramp(int bytes) {
        byte[] pcm = new byte[bytes];
        for (int i = 0; i + 1 < bytes; i += 2) {
            int value = 1 + (i / 2) % 30_000;
            pcm[i] = (byte) value;
            pcm[i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }
}
