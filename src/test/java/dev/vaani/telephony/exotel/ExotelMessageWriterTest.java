package dev.vaani.telephony.exotel;

import static dev.vaani.telephony.exotel.Fixtures.exotel;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExotelMessageWriterTest {

    private static final String SID = "MZxxxxxxxxxxxxxxxxxxxxxxxx";
    private final ExotelMessageWriter writer = new ExotelMessageWriter();

    @Test
    void mediaIsByteExact() {
        byte[] pcm = {0, 0, 0x10, 0, (byte) 0xF0, (byte) 0xFF, 0, 1};
        assertThat(writer.media(SID, pcm, 0, pcm.length)).isEqualTo(exotel("out-media.json"));
    }

    @Test
    void markIsByteExact() {
        assertThat(writer.mark(SID, "turn-3-end")).isEqualTo(exotel("out-mark.json"));
    }

    @Test
    void clearIsByteExact() {
        assertThat(writer.clear(SID)).isEqualTo(exotel("out-clear.json"));
    }

    @Test
    void mediaEncodesJustTheGivenSlice() {
        byte[] pcm = {9, 9, 1, 2, 3, 4, 9};
        assertThat(writer.media("MZ1", pcm, 2, 4))
                .isEqualTo("{\"event\":\"media\",\"stream_sid\":\"MZ1\",\"media\":{\"payload\":\"AQIDBA==\"}}");
    }

    @Test
    void base64MatchesTheJdkForEveryLengthAndOffset() {
        byte[] data = new byte[64];
        new Random(1).nextBytes(data);
        for (int offset = 0; offset < 4; offset++) {
            for (int length = 0; offset + length <= data.length; length++) {
                String expected = Base64.getEncoder().encodeToString(Arrays.copyOfRange(data, offset, offset + length));
                assertThat(writer.media("s", data, offset, length))
                        .isEqualTo("{\"event\":\"media\",\"stream_sid\":\"s\",\"media\":{\"payload\":\"" + expected + "\"}}");
            }
        }
    }

    @Test
    void aSecondOfAudioRoundTripsThroughTheParser() {
        byte[] pcm = new byte[16000];
        new Random(2).nextBytes(pcm);
        var media = (ExotelInboundEvent.Media) new ExotelMessageParser().parse(writer.media(SID, pcm, 0, pcm.length));
        assertThat(media.payload()).isEqualTo(pcm);
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() throws Exception {
        String name = "say \"hi\"\\now\n\t\u0001";
        String json = writer.mark("MZ\"1", name);
        JsonNode tree = new JsonMapper().readTree(json);
        assertThat(tree.get("stream_sid").asString()).isEqualTo("MZ\"1");
        assertThat(tree.get("mark").get("name").asString()).isEqualTo(name);
    }

    @Test
    void nonAsciiIsEscapedSoFramesStayAscii() throws Exception {
        String name = "नमस्ते-😀";
        String json = writer.mark(SID, name);
        assertThat(json).matches("\\p{ASCII}*").contains("\\u0928");
        assertThat(new JsonMapper().readTree(json).get("mark").get("name").asString()).isEqualTo(name);
    }
}
