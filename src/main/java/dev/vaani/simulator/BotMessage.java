package dev.vaani.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.Base64;
import java.util.Optional;

/**
 * A message from the bot server, read the way Exotel would: the documented shapes, keys {@code stream_sid} or
 * {@code streamSid} alike (Exotel evidently ignores the stream id on a one-stream socket), anything else malformed.
 */
sealed interface BotMessage {

    int MIN_CHUNK_BYTES = 3200;
    int MAX_CHUNK_BYTES = 100_000;
    int CHUNK_MULTIPLE_BYTES = 320;

    record Media(byte[] pcm) implements BotMessage {
    }

    record Mark(String name) implements BotMessage {
    }

    record Clear() implements BotMessage {
    }

    record Malformed(String reason) implements BotMessage {
    }

    static BotMessage parse(JsonMapper json, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (Exception e) {
            return new Malformed("not JSON: " + abbreviate(text));
        }
        if (root == null || !root.isObject()) {
            return new Malformed("not a JSON object: " + abbreviate(text));
        }
        String event = root.path("event").asString("");
        return switch (event) {
            case "media" -> media(root);
            case "mark" -> {
                String name = root.path("mark").path("name").asString("");
                yield name.isEmpty() ? new Malformed("mark without mark.name: " + abbreviate(text)) : new Mark(name);
            }
            case "clear" -> new Clear();
            case "" -> new Malformed("no \"event\" field: " + abbreviate(text));
            default -> new Malformed("unknown event \"" + event + "\" (a Voicebot server sends media, mark, clear)");
        };
    }

    private static BotMessage media(JsonNode root) {
        JsonNode payload = root.path("media").path("payload");
        if (!payload.isString()) {
            return new Malformed("media without a media.payload string");
        }
        try {
            byte[] pcm = Base64.getDecoder().decode(payload.asString(""));
            if (pcm.length % 2 != 0) {
                return new Malformed("media payload of " + pcm.length + " bytes is not whole 16-bit samples");
            }
            return new Media(pcm);
        } catch (IllegalArgumentException e) {
            return new Malformed("media.payload is not valid base64: " + e.getMessage());
        }
    }

    /** Exotel's outbound chunk rules; the byte figures hold at every sample rate (see exotel.md section 4). */
    static Optional<String> chunkViolation(int bytes) {
        if (bytes < MIN_CHUNK_BYTES) {
            return Optional.of(bytes + " bytes is below the 3200-byte minimum");
        }
        if (bytes > MAX_CHUNK_BYTES) {
            return Optional.of(bytes + " bytes is above the 100000-byte maximum");
        }
        if (bytes % CHUNK_MULTIPLE_BYTES != 0) {
            return Optional.of(bytes + " bytes is not a multiple of 320");
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
