package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ExotelEventsTest {

    private final JsonMapper json = new JsonMapper();

    @Test
    void aMediaEventHasExotelsShapeWithEveryNumberAsAString() throws Exception {
        ExotelEvents events = new ExotelEvents(json, false, "MZ\"odd\\sid");
        events.dtmf("1", 100); // sequence 1: media messages share the stream's sequence
        JsonNode media = json.readTree(events.media(3, 300, new byte[] {1, 2, 3, 4}));
        assertThat(media.path("event").asString()).isEqualTo("media");
        assertThat(media.path("sequence_number").asString()).isEqualTo("2");
        assertThat(media.path("stream_sid").asString()).isEqualTo("MZ\"odd\\sid");
        assertThat(media.path("media").path("chunk").isString()).isTrue();
        assertThat(media.path("media").path("chunk").asString()).isEqualTo("3");
        assertThat(media.path("media").path("timestamp").asString()).isEqualTo("300");
        assertThat(Base64.getDecoder().decode(media.path("media").path("payload").asString())).containsExactly(1, 2, 3, 4);
        assertThat(media.size()).isEqualTo(4);
    }

    @Test
    void camelCaseKeysApplyToMediaEventsToo() throws Exception {
        ExotelEvents events = new ExotelEvents(json, true, "MZ1");
        JsonNode media = json.readTree(events.media(1, 100, new byte[320]));
        assertThat(media.has("sequenceNumber")).isTrue();
        assertThat(media.path("streamSid").asString()).isEqualTo("MZ1");
    }
}
