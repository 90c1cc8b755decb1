package dev.vaani.conversation.openai;

import java.time.Duration;

/** A typed failure of an LLM request, so the call can retry, fall back or apologise. */
public class LlmFailure extends RuntimeException {

    public enum Kind {
        /** 401/403: the key is wrong or lacks access. */
        UNAUTHORIZED,
        /** 429 rate_limit_exceeded: retry after a pause. */
        RATE_LIMITED,
        /** 429 insufficient_quota: billing, not load; retrying will not help. */
        QUOTA_EXCEEDED,
        /** 400/404/422: our request is wrong (model name, messages shape). */
        BAD_REQUEST,
        /** 5xx or a server error reported inside the stream. */
        SERVER_ERROR,
        /** Connect, or no first token within the limit, or the stream stalled. */
        TIMEOUT,
        /** The stream ended before [DONE], or the connection failed. */
        CONNECTION_LOST,
        /** Our circuit breaker is open after repeated failures: fail fast without calling. */
        UNAVAILABLE,
        /** The model answered with no words and no tool call (an empty reply, or a refusal we do not speak). */
        EMPTY_REPLY
    }

    private final Kind kind;
    private final String requestId;
    private final Duration retryAfter;
    private final boolean afterContent;

    public LlmFailure(Kind kind, String message) {
        this(kind, message, null, null, false, null);
    }

    public LlmFailure(Kind kind, String message, String requestId, Duration retryAfter, boolean afterContent,
                      Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.requestId = requestId;
        this.retryAfter = retryAfter;
        this.afterContent = afterContent;
    }

    public Kind kind() {
        return kind;
    }

    /** OpenAI's x-request-id, for support tickets; null when no response came. */
    public String requestId() {
        return requestId;
    }

    /** The server's retry-after, null when not given. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Some text or tool calls had already reached the listener, so the request must not be repeated. */
    public boolean afterContent() {
        return afterContent;
    }

    /** Worth repeating: transient load or network trouble. */
    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.TIMEOUT
                || kind == Kind.CONNECTION_LOST;
    }

    LlmFailure markedAfterContent() {
        return afterContent ? this : new LlmFailure(kind, getMessage(), requestId, retryAfter, true, getCause());
    }

    @Override
    public String toString() {
        return "LlmFailure[" + kind + (requestId == null ? "" : ", request " + requestId) + "]: " + getMessage();
    }
}
