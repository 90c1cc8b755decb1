package dev.vaani.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scripted answer of {@link FakeOpenAi}: streamed text and tool calls, or an HTTP error, plus fault knobs. */
public final class FakeReply {

    /** A tool call to stream; its arguments are sent in several fragments. */
    public record Call(String id, String name, String arguments) {}

    private static final Pattern TOKEN = Pattern.compile("\\s*[\\p{L}\\p{M}\\p{N}']+|\\s*[^\\s\\p{L}\\p{M}\\p{N}]|\\s+");
    private static final AtomicIds CALL_IDS = new AtomicIds();

    final int status;
    final String errorType;
    final String errorCode;
    final String errorMessage;
    final Map<String, String> headers = new LinkedHashMap<>();
    String text = "";
    final List<Call> toolCalls = new ArrayList<>();
    Duration firstChunkDelay = Duration.ZERO;
    Duration chunkDelay = Duration.ZERO;
    int dropAfterChunks = -1;
    String midStreamError;
    String finishReason;
    String refusal;

    private FakeReply(int status, String errorType, String errorCode, String errorMessage) {
        this.status = status;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    public static FakeReply text(String text) {
        return new FakeReply(200, null, null, null).andText(text);
    }

    public static FakeReply toolCall(String name, String argumentsJson) {
        return new FakeReply(200, null, null, null).andToolCall(name, argumentsJson);
    }

    public static FakeReply error(int status, String type, String code, String message) {
        return new FakeReply(status, type, code, message);
    }

    public static FakeReply invalidApiKey() {
        return error(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: sk-fake***. You can find your API key at https://platform.openai.com/account/api-keys.");
    }

    public static FakeReply rateLimited(int retryAfterSeconds) {
        return error(429, "requests", "rate_limit_exceeded",
                "Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in 1s.")
                .header("retry-after", String.valueOf(retryAfterSeconds))
                .header("x-ratelimit-remaining-requests", "0")
                .header("x-ratelimit-reset-requests", retryAfterSeconds + "s");
    }

    public static FakeReply insufficientQuota() {
        return error(429, "insufficient_quota", "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details.");
    }

    public static FakeReply serverError() {
        return error(500, "server_error", null, "The server had an error while processing your request. Sorry about that!");
    }

    public FakeReply andText(String more) {
        text = text + more;
        return this;
    }

    public FakeReply andToolCall(String name, String argumentsJson) {
        toolCalls.add(new Call("call_" + CALL_IDS.next(), name, argumentsJson));
        return this;
    }

    public FakeReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public FakeReply firstChunkAfter(Duration delay) {
        firstChunkDelay = delay;
        return this;
    }

    public FakeReply chunkEvery(Duration delay) {
        chunkDelay = delay;
        return this;
    }

    /** Sends this many events (the role chunk counts) then cuts the connection. */
    public FakeReply dropAfterChunks(int events) {
        dropAfterChunks = events;
        return this;
    }

    /** Ends the stream, after its text and tool calls, with {"error":{...}} instead of a finish. */
    public FakeReply failMidStream(String message) {
        midStreamError = message;
        return this;
    }

    /** A refusal as the API streams one: {@code delta.refusal} fragments and no content. */
    public static FakeReply refusal(String text) {
        FakeReply reply = new FakeReply(200, null, null, null);
        reply.refusal = text;
        return reply;
    }

    public FakeReply finishReason(String reason) {
        finishReason = reason;
        return this;
    }

    String finishReason() {
        return finishReason != null ? finishReason : toolCalls.isEmpty() ? "stop" : "tool_calls";
    }

    /** Splits text roughly as a tokenizer would: words with their leading space, punctuation alone. */
    public static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** Splits a JSON arguments string into small fragments, as the server streams them. */
    static List<String> fragments(String arguments) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < arguments.length(); i += 7) {
            parts.add(arguments.substring(i, Math.min(arguments.length(), i + 7)));
        }
        return parts;
    }

    private static final class AtomicIds {
        private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        String next() {
            return "fake" + next.incrementAndGet();
        }
    }
}
