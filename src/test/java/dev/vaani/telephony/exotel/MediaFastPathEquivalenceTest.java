package dev.vaani.telephony.exotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming media fast path must answer exactly as the general tree-based parse: same event or same error. */
class MediaFastPathEquivalenceTest {

    private final ExotelMessageParser parser = new ExotelMessageParser();
    /** One stream's buffers, reused across every frame of a test as the media handler reuses them. */
    private final MediaFrameBuffers buffers = new MediaFrameBuffers();

    private static final String PAYLOAD = "AAABAAIAAwD//w==";

    @Test
    void handwrittenVariantsMatchTheGeneralPath() {
        List<String> frames = List.of(
                "{\"event\":\"media\",\"stream_sid\":\"s1\",\"sequence_number\":\"3\",\"media\":{\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"stream_sid\":\"s1\",\"sequence_number\":3,\"media\":{\"chunk\":2,\"timestamp\":40,\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"MEDIA\",\"media\":{\"payload\":\"" + PAYLOAD + "\",\"stream_sid\":\"inner\"}}",
                "{\"media\":{\"payload\":\"" + PAYLOAD + "\"},\"event\":\"media\"}",
                "{\"event\":\"media\",\"Event\":\"stop\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":null,\"Event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"Media\":{\"Payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"streamSid\":\"camel\",\"sequenceNumber\":\"9\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\",\"payload\":\"AAAA\"}}",
                "{\"event\":\"media\",\"event\":\"stop\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAABAAIAAwD//w\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAABAAIAAwD//x==\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAA=\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA==\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AB==\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"====\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"A===\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA=A\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AA AA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\u00e9AAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\u0141AAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}} {}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}} x",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}   ",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\",\"extra\":[1,{\"a\":null}],\"x\":1.5},\"other\":{\"k\":[true]}}",
                "{\"event\":\"media\",\"sequence_number\":\" 12 \",\"media\":{\"chunk\":\"\",\"timestamp\":\"x\",\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":1.0,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":99999999999999999999,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":-9223372036854775808,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":\"-9223372036854775808\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":null,\"media\":{\"chunk\":null,\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"stream_sid\":42,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"stream_sid\":{},\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"stream_sid\":\"a\\u00e9\\\"b\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAE=\"}}",
                "{\"event\":\"media\",\"media\":[]}",
                "{\"event\":\"media\",\"media\":{\"payload\":5}}",
                "{\"event\":\"media\"}",
                "{\"event\":5,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "[{\"event\":\"media\"}]",
                "\"media\"",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}",
                "{\"event\":\"mark\",\"mark\":{\"name\":\"m1\"}}",
                "{\"event\":\"M\u0130DIA\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "  {\n\t\"event\" : \"media\" ,\r\n \"media\" : { \"payload\" : \"" + PAYLOAD + "\" , \"chunk\" : 7 } }\n",
                "{\"event\":\"media\",\"sequence_number\":01,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":0,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":-1,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":1e3,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":123456789012345678,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":1234567890123456789,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":12a,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":\"+7\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"sequence_number\":\"\\u0037\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"med\\u0069a\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"even\\u0074\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\\\"AAAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\\/AAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\tAAA\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}},",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"},}",
                "{\"event\":\"media\",,\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"media\":{}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}, \"stream_sid\":\"late\"}",
                "{\"event\":\"media\",\"stream_sid\":\"\",\"media\":{\"payload\":\"" + PAYLOAD + "\",\"stream_sid\":\"inner\"}}",
                "{\"event\":\"media\",\"stream_sid\":\"caf\u00e9\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"}}\u0000",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD + "\"",
                "{\"event\":\"media\",\"media\":{\"payload\":\"" + PAYLOAD,
                "{\"event\":\"media\",\"media\":{\"chunk\":5",
                Fixtures.exotel("wsp-media.json"),
                Fixtures.exotel("sva-media-numeric.json"));
        for (String frame : frames) {
            assertSame(frame);
        }
    }

    @Test
    void mutatedMediaFramesMatchTheGeneralPath() {
        Random random = new Random(2026);
        List<String> seeds = List.of(Fixtures.exotel("wsp-media.json"), Fixtures.exotel("sva-media-numeric.json"),
                "{\"event\":\"media\",\"stream_sid\":\"s1\",\"sequence_number\":\"3\",\"media\":{\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\"" + PAYLOAD + "\"}}");
        String alphabet = "{}[]\":,0123456789-+.eE =/AaZz\\nulltruefalse";
        for (String seed : seeds) {
            for (int i = 0; i < 4000; i++) {
                StringBuilder frame = new StringBuilder(seed);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits && frame.length() > 0; e++) {
                    int at = random.nextInt(frame.length());
                    switch (random.nextInt(3)) {
                        case 0 -> frame.deleteCharAt(at);
                        case 1 -> frame.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        default -> frame.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                assertSame(frame.toString());
            }
        }
    }

    private void assertSame(String frame) {
        List<Object> fast = outcome(() -> parser.parse(frame));
        List<Object> reused = outcome(() -> parser.parse(frame, buffers));
        List<Object> tree = outcome(() -> parser.parseTree(frame));
        assertThat(fast).as("frame %s", frame).isEqualTo(tree);
        assertThat(reused).as("frame %s, buffers reused", frame).isEqualTo(tree);
    }

    private static List<Object> outcome(java.util.function.Supplier<ExotelInboundEvent> parse) {
        List<Object> out = new ArrayList<>();
        try {
            out.add(parse.get());
        } catch (ExotelProtocolException e) {
            out.add(e.getClass());
            out.add(e.getMessage());
        }
        return out;
    }
}
