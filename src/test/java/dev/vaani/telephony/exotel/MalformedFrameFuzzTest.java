package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever arrives on the socket, the parser answers with an event or an ExotelProtocolException, nothing else. */
class MalformedFrameFuzzTest {

    private final ExotelMessageParser parser = new ExotelMessageParser();

    static Stream<String> malformedFrames() {
        return Stream.of(
                "", "   ", "null", "true", "42", "\"media\"", "[]", "[{\"event\":\"media\"}]", "{}",
                "{", "}", "{\"event\":", "{\"event\":\"media\"", "{\"event\":\"media\"}{\"event\":\"media\"}",
                "not json at all", "{'event':'media'}", "{\"event\":null}", "{\"event\":42}", "{\"event\":{}}",
                "{\"event\":[\"media\"]}", "{\"event\":\"\"}", "{\"event\":\"foo\"}", "{\"event\":\"MEDIA_X\"}",
                "{\"event\":\"media\"}", "{\"event\":\"media\",\"media\":null}", "{\"event\":\"media\",\"media\":\"x\"}",
                "{\"event\":\"media\",\"media\":[]}", "{\"event\":\"media\",\"media\":{}}",
                "{\"event\":\"media\",\"media\":{\"payload\":42}}", "{\"event\":\"media\",\"media\":{\"payload\":{}}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"!!!!\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"A\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA AA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA==AA==\"}}",
                "{\"event\":\"media\",\"sequence_number\":99999999999999999999999,\"media\":{\"payload\":\"\"}}",
                "{\"event\":\"media\",\"sequence_number\":\"99999999999999999999999\",\"media\":{\"payload\":\"\"}}",
                "{\"event\":\"media\",\"sequence_number\":1.5,\"media\":{\"payload\":\"\"}}",
                "{\"event\":\"media\",\"sequence_number\":1e400,\"media\":{\"payload\":\"\"}}",
                "{\"event\":\"media\",\"media\":{\"chunk\":{},\"payload\":\"\"}}",
                "{\"event\":\"media\",\"media\":{\"timestamp\":[1],\"payload\":\"\"}}",
                "{\"event\":\"media\",\"stream_sid\":{\"a\":1},\"media\":{\"payload\":\"\"}}",
                "{\"event\":\"start\",\"start\":\"x\"}", "{\"event\":\"start\",\"start\":{\"call_sid\":[]}}",
                "{\"event\":\"start\",\"sequence_number\":\"one\"}",
                "{\"event\":\"dtmf\"}", "{\"event\":\"dtmf\",\"dtmf\":{}}", "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"\"}}",
                "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"5\",\"duration\":\"long\"}}",
                "{\"event\":\"mark\"}", "{\"event\":\"mark\",\"mark\":{}}", "{\"event\":\"mark\",\"mark\":7}",
                "{\"event\":\"stop\",\"stop\":[]}", "{\"event\":\"stop\",\"stop\":{\"reason\":{}}}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
    }

    @ParameterizedTest
    @MethodSource("malformedFrames")
    void malformedFrameIsAProtocolErrorWithAReason(String frame) {
        Throwable thrown = catchThrowable(() -> parser.parse(frame));
        assertThat(thrown).isExactlyInstanceOf(ExotelProtocolException.class);
        assertThat(thrown.getMessage()).isNotBlank();
    }

    @Test
    void randomMutationsOfValidFramesNeverEscapeAsOtherExceptions() {
        List<String> seeds = List.of(Fixtures.exotel("wsp-start.json"), Fixtures.exotel("wsp-media.json"),
                Fixtures.exotel("wsp-dtmf.json"), Fixtures.exotel("wsp-mark.json"), Fixtures.exotel("wsp-stop.json"),
                Fixtures.exotel("camel-start.json"), Fixtures.exotel("sva-media-numeric.json"));
        String alphabet = "{}[]\":,0123456789-+.eE \\/AaZz=nulltrue";
        Random random = new Random(20240601);
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder frame = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations && !frame.isEmpty(); m++) {
                int at = random.nextInt(frame.length());
                switch (random.nextInt(3)) {
                    case 0 -> frame.deleteCharAt(at);
                    case 1 -> frame.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> frame.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                parser.parse(frame.toString());
            } catch (ExotelProtocolException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    unexpected.add("blank reason for " + frame);
                }
            } catch (RuntimeException e) {
                unexpected.add(e + " for " + frame);
            }
        }
        assertThat(unexpected).isEmpty();
    }
}
