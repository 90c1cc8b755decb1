package dev.vaani.simulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON Exotel's Voicebot applet sends, written independently of the server's protocol classes so it checks them.
 * Shapes follow the WebSocket protocol page: every number is a JSON string, keys are snake_case unless
 * {@code camelCase} asks for the variant some Exotel paths use.
 */
final class ExotelEvents {

    private final JsonMapper json;
    private final boolean camelCase;
    private final String streamSid;
    /** The start of every media message up to the sequence number's value, written once. */
    private final String mediaPrefix;
    /** The stream id and the media object's opening, between the sequence number and the chunk number. */
    private final String mediaMiddle;
    private int sequence;

    ExotelEvents(JsonMapper json, boolean camelCase, String streamSid) {
        this.json = json;
        this.camelCase = camelCase;
        this.streamSid = streamSid;
        this.mediaPrefix = "{\"event\":\"media\",\"" + key("sequence_number") + "\":\"";
        this.mediaMiddle = "\",\"" + key("stream_sid") + "\":" + json.getNodeFactory().textNode(streamSid)
                + ",\"media\":{\"chunk\":\"";
    }

    String connected() {
        return write(json.createObjectNode().put("event", "connected"));
    }

    String start(String callSid, String accountSid, String from, String to, Map<String, String> customParameters,
                 int sampleRate) {
        ObjectNode root = envelope("start");
        ObjectNode start = root.putObject("start")
                .put(key("stream_sid"), streamSid)
                .put(key("call_sid"), callSid)
                .put(key("account_sid"), accountSid)
                .put("from", from)
                .put("to", to);
        ObjectNode custom = start.putObject(key("custom_parameters"));
        customParameters.forEach(custom::put);
        start.putObject(key("media_format"))
                .put("encoding", "audio/x-raw")
                .put(key("sample_rate"), Integer.toString(sampleRate))
                .put(key("bit_rate"), "16");
        return write(root);
    }

    /** {@code chunk} counts media messages from 1; {@code timestamp} is ms since the stream began. */
    String media(int chunk, long timestampMs, byte[] pcm) {
        // Written directly, in the same shape as the other events: ten of these a second per call, and under load
        // building a JSON tree for each was a large share of the load generator's time.
        String payload = Base64.getEncoder().encodeToString(pcm);
        return new StringBuilder(payload.length() + mediaPrefix.length() + mediaMiddle.length() + 64)
                .append(mediaPrefix).append(++sequence).append(mediaMiddle)
                .append(chunk).append("\",\"timestamp\":\"").append(timestampMs)
                .append("\",\"payload\":\"").append(payload).append("\"}}").toString();
    }

    String mark(String name) {
        ObjectNode root = envelope("mark");
        root.putObject("mark").put("name", name);
        return write(root);
    }

    String dtmf(String digit, long durationMs) {
        ObjectNode root = envelope("dtmf");
        root.putObject("dtmf").put("digit", digit).put("duration", Long.toString(durationMs));
        return write(root);
    }

    String stop(String callSid, String accountSid, String reason) {
        ObjectNode root = envelope("stop");
        root.putObject("stop")
                .put(key("call_sid"), callSid)
                .put(key("account_sid"), accountSid)
                .put("reason", reason);
        return write(root);
    }

    private ObjectNode envelope(String event) {
        return json.createObjectNode()
                .put("event", event)
                .put(key("sequence_number"), Integer.toString(++sequence))
                .put(key("stream_sid"), streamSid);
    }

    private String key(String snake) {
        if (!camelCase) {
            return snake;
        }
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException(e); // cannot happen for a tree of strings
        }
    }
}
