package dev.vaani.telephony.exotel;

import dev.vaani.privacy.UntrustedText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses Exotel media-stream frames. Lenient where Exotel's own docs and samples disagree (snake_case or camelCase
 * keys, numbers as strings or numbers, unit suffixes, absent optional fields, unknown fields); strict where we rely
 * on the content (event name, base64 payload). Stateless and thread-safe: share one instance.
 */
public final class ExotelMessageParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ExotelInboundEvent.Connected CONNECTED = new ExotelInboundEvent.Connected();
    private static final int MAX_QUOTED_VALUE = 40;
    /** A key of a phone's keypad: Exotel documents 0-9, * and #; A-D are DTMF's fourth column. */
    private static final Pattern KEY = Pattern.compile("[0-9*#A-D]");

    /**
     * Parses a frame. A media payload may have any length, odd too: the call reads its audio as one byte stream, so
     * a PCM16 sample split between two frames is put back together, where dropping the frame would shift every later
     * sample by a byte.
     */
    public ExotelInboundEvent parse(String json) {
        return parse(json, new MediaFrameBuffers());
    }

    /**
     * As {@link #parse(String)}, reading a media frame through the stream's own {@code buffers}, reused from frame to
     * frame so that a frame's payload is not copied twice before it is decoded.
     */
    public ExotelInboundEvent parse(String json, MediaFrameBuffers buffers) {
        if (json == null || json.isBlank()) {
            throw new ExotelProtocolException("empty frame");
        }
        ExotelInboundEvent.Media fast = buffers.scan(json);
        return fast != null ? fast : parseTree(json);
    }

    /** The general path alone (no media fast path), for tests that hold the two to the same results. */
    ExotelInboundEvent parseTree(String json) {
        if (json == null || json.isBlank()) {
            throw new ExotelProtocolException("empty frame");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ExotelProtocolException("invalid JSON: " + UntrustedText.escaped(e.getOriginalMessage(), 200), e);
        }
        if (root == null || !root.isObject()) {
            throw new ExotelProtocolException("frame is not a JSON object");
        }
        JsonNode eventNode = field(root, "event", "Event");
        if (eventNode == null) {
            throw new ExotelProtocolException("missing field event");
        }
        if (!eventNode.isString()) {
            throw new ExotelProtocolException("event is not a string");
        }
        String event = eventNode.stringValue();
        return switch (event.toLowerCase(Locale.ROOT)) {
            case "connected" -> CONNECTED;
            case "start" -> start(root);
            case "media" -> media(root);
            case "dtmf" -> dtmf(root);
            case "mark" -> mark(root);
            case "stop" -> stop(root);
            default -> throw new ExotelProtocolException("unknown event "
                    + UntrustedText.quoted(event, MAX_QUOTED_VALUE));
        };
    }

    private static ExotelInboundEvent.Start start(JsonNode root) {
        JsonNode start = object(root, "start");
        String streamSid = text(firstPresent(field(root, "stream_sid", "streamSid"),
                field(start, "stream_sid", "streamSid")), "start.stream_sid");
        return new ExotelInboundEvent.Start(
                streamSid,
                text(field(start, "call_sid", "callSid"), "start.call_sid"),
                text(field(start, "account_sid", "accountSid"), "start.account_sid"),
                text(field(start, "from", "From"), "start.from"),
                text(field(start, "to", "To"), "start.to"),
                customParameters(field(start, "custom_parameters", "customParameters")),
                mediaFormat(field(start, "media_format", "mediaFormat")),
                number(field(root, "sequence_number", "sequenceNumber"), "sequence_number"));
    }

    private static ExotelInboundEvent.Media media(JsonNode root) {
        JsonNode media = field(root, "media", "Media");
        if (media == null) {
            throw new ExotelProtocolException("missing field media");
        }
        if (!media.isObject()) {
            throw new ExotelProtocolException("media is not an object");
        }
        JsonNode payloadNode = field(media, "payload", "Payload");
        if (payloadNode == null) {
            throw new ExotelProtocolException("missing field media.payload");
        }
        if (!payloadNode.isString()) {
            throw new ExotelProtocolException("media.payload is not a string");
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(payloadNode.stringValue());
        } catch (IllegalArgumentException e) {
            throw new ExotelProtocolException("media.payload is not valid base64", e);
        }
        String streamSid = text(firstPresent(field(root, "stream_sid", "streamSid"),
                field(media, "stream_sid", "streamSid")), "stream_sid");
        return new ExotelInboundEvent.Media(
                streamSid,
                number(field(root, "sequence_number", "sequenceNumber"), "sequence_number"),
                number(field(media, "chunk", "Chunk"), "media.chunk"),
                number(field(media, "timestamp", "Timestamp"), "media.timestamp"),
                payload);
    }

    private static ExotelInboundEvent.Dtmf dtmf(JsonNode root) {
        JsonNode dtmf = requiredObject(root, "dtmf");
        String digit = text(field(dtmf, "digit", "Digit"), "dtmf.digit");
        if (digit == null || digit.isEmpty()) {
            throw new ExotelProtocolException("missing field dtmf.digit");
        }
        if (!KEY.matcher(digit).matches()) { // the digit goes into the conversation, to the LLM too
            throw new ExotelProtocolException("dtmf.digit is not a key: "
                    + UntrustedText.quoted(digit, MAX_QUOTED_VALUE));
        }
        return new ExotelInboundEvent.Dtmf(digit, number(field(dtmf, "duration", "Duration"), "dtmf.duration"));
    }

    private static ExotelInboundEvent.Mark mark(JsonNode root) {
        JsonNode mark = requiredObject(root, "mark");
        String name = text(field(mark, "name", "Name"), "mark.name");
        if (name == null) {
            throw new ExotelProtocolException("missing field mark.name");
        }
        return new ExotelInboundEvent.Mark(name);
    }

    private static ExotelInboundEvent.Stop stop(JsonNode root) {
        JsonNode stop = object(root, "stop");
        return new ExotelInboundEvent.Stop(
                text(field(stop, "call_sid", "callSid"), "stop.call_sid"),
                text(field(stop, "account_sid", "accountSid"), "stop.account_sid"),
                text(field(stop, "reason", "Reason"), "stop.reason"));
    }

    private static Map<String, String> customParameters(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            // Exotel documents an object; anything else carries nothing we could trust.
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNull()) {
                parameters.put(entry.getKey(), value.isValueNode() ? value.asString("") : value.toString());
            }
        }
        return Collections.unmodifiableMap(parameters);
    }

    private static MediaFormat mediaFormat(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode encoding = field(node, "encoding", "Encoding");
        return new MediaFormat(
                encoding != null && encoding.isValueNode() ? encoding.asString("") : null,
                sampleRate(field(node, "sample_rate", "sampleRate")),
                bitRate(field(node, "bit_rate", "bitRate")));
    }

    /** "8000", 8000 and "8000Hz" are all 8000; anything else is unknown, as the rate is configured, not read. */
    private static Integer sampleRate(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? node.intValue() : null;
        }
        if (!node.isString()) {
            return null;
        }
        String digits = stripSuffix(node.stringValue().trim(), "hz");
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String bitRate(JsonNode node) {
        if (node == null || !node.isValueNode()) {
            return null;
        }
        return stripSuffix(node.asString("").trim(), "kbps");
    }

    private static String stripSuffix(String value, String suffix) {
        int cut = value.length() - suffix.length();
        return cut >= 0 && value.regionMatches(true, cut, suffix, 0, suffix.length())
                ? value.substring(0, cut).trim() : value;
    }

    /** A whole number sent as a number or a string; {@link ExotelInboundEvent#ABSENT} when missing. */
    private static long number(JsonNode node, String path) {
        if (node == null) {
            return ExotelInboundEvent.ABSENT;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new ExotelProtocolException(path + " is out of range");
            }
            return node.longValue();
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            if (text.isEmpty()) {
                return ExotelInboundEvent.ABSENT;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new ExotelProtocolException(path + " is not a whole number: "
                        + UntrustedText.quoted(text, MAX_QUOTED_VALUE));
            }
        }
        throw new ExotelProtocolException(path + " is not a whole number");
    }

    /** A string field; numbers and booleans are taken as their text, as Exotel's types drift. */
    private static String text(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new ExotelProtocolException(path + " is not a string");
        }
        return node.asString("");
    }

    /** The named sub-object, or an empty object when absent: only {@code event} is required by Exotel. */
    private static JsonNode object(JsonNode root, String name) {
        JsonNode node = field(root, name, capitalised(name));
        if (node == null) {
            return MAPPER.missingNode();
        }
        if (!node.isObject()) {
            throw new ExotelProtocolException(name + " is not an object");
        }
        return node;
    }

    private static JsonNode requiredObject(JsonNode root, String name) {
        JsonNode node = field(root, name, capitalised(name));
        if (node == null) {
            throw new ExotelProtocolException("missing field " + name);
        }
        if (!node.isObject()) {
            throw new ExotelProtocolException(name + " is not an object");
        }
        return node;
    }

    /** The first of two spellings that is present and not JSON null. */
    private static JsonNode field(JsonNode parent, String name, String alternative) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            node = parent.get(alternative);
        }
        return node == null || node.isNull() ? null : node;
    }

    private static JsonNode firstPresent(JsonNode a, JsonNode b) {
        return a != null ? a : b;
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
