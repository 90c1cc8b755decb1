package dev.vaani.conversation.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach OpenAI Chat Completions and how patient to be.
 *
 * @param apiKey                  the secret key; never logged ({@link #toString()} masks it)
 * @param baseUrl                 API root including the version, e.g. "https://api.openai.com/v1" or
 *                                "http://127.0.0.1:8089/v1" (env OPENAI_BASE_URL)
 * @param model                   e.g. "gpt-4o-mini" (env OPENAI_MODEL)
 * @param temperature             sampling temperature
 * @param maxCompletionTokens     cap per reply; a spoken turn is one or two sentences
 * @param connectTimeout          TCP/TLS connect
 * @param firstTokenTimeout       from sending the request to the first content or tool-call token
 * @param idleTimeout             longest silence between chunks once the answer has started
 * @param replyTimeout            longest a whole answer may stream, from the request: a stream that keeps trickling
 *                                (a token every few seconds, each inside idleTimeout) would otherwise hold the
 *                                caller's turn for minutes
 * @param retriesBeforeFirstToken extra attempts, only while nothing has reached the listener
 * @param initialBackoff          first retry wait; doubles per attempt
 * @param maxRetryWait            cap on any wait, including a server's retry-after: a caller is on the line
 */
public record OpenAiSettings(String apiKey, String baseUrl, String model, double temperature, int maxCompletionTokens,
                             Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout,
                             Duration replyTimeout, int retriesBeforeFirstToken, Duration initialBackoff, Duration maxRetryWait) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    public OpenAiSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : stripTrailingSlash(baseUrl.trim());
        model = model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
        connectTimeout = orDefault(connectTimeout, Duration.ofSeconds(3));
        firstTokenTimeout = orDefault(firstTokenTimeout, Duration.ofSeconds(8));
        idleTimeout = orDefault(idleTimeout, Duration.ofSeconds(10));
        replyTimeout = orDefault(replyTimeout, Duration.ofSeconds(30));
        initialBackoff = orDefault(initialBackoff, Duration.ofMillis(250));
        maxRetryWait = orDefault(maxRetryWait, Duration.ofSeconds(2));
        if (retriesBeforeFirstToken < 0 || maxCompletionTokens < 1) {
            throw new IllegalArgumentException("retriesBeforeFirstToken must be >= 0 and maxCompletionTokens >= 1");
        }
    }

    /**
     * The production defaults: gpt-4o-mini, temperature 0.6, 200 tokens, 8 s to first token, 10 s between chunks,
     * 30 s for a whole answer, one retry.
     */
    public static OpenAiSettings defaults(String apiKey) {
        return new OpenAiSettings(apiKey, DEFAULT_BASE_URL, DEFAULT_MODEL, 0.6, 200, null, null, null, null, 1, null,
                null);
    }

    public OpenAiSettings withBaseUrl(String url) {
        return new OpenAiSettings(apiKey, url, model, temperature, maxCompletionTokens, connectTimeout,
                firstTokenTimeout, idleTimeout, replyTimeout, retriesBeforeFirstToken, initialBackoff, maxRetryWait);
    }

    public OpenAiSettings withModel(String name) {
        return new OpenAiSettings(apiKey, baseUrl, name, temperature, maxCompletionTokens, connectTimeout,
                firstTokenTimeout, idleTimeout, replyTimeout, retriesBeforeFirstToken, initialBackoff, maxRetryWait);
    }

    public OpenAiSettings withTimeouts(Duration firstToken, Duration idle) {
        return new OpenAiSettings(apiKey, baseUrl, model, temperature, maxCompletionTokens, connectTimeout,
                firstToken, idle, replyTimeout, retriesBeforeFirstToken, initialBackoff, maxRetryWait);
    }

    public OpenAiSettings withReplyTimeout(Duration whole) {
        return new OpenAiSettings(apiKey, baseUrl, model, temperature, maxCompletionTokens, connectTimeout,
                firstTokenTimeout, idleTimeout, whole, retriesBeforeFirstToken, initialBackoff, maxRetryWait);
    }

    public OpenAiSettings withRetries(int retries, Duration backoff, Duration maxWait) {
        return new OpenAiSettings(apiKey, baseUrl, model, temperature, maxCompletionTokens, connectTimeout,
                firstTokenTimeout, idleTimeout, replyTimeout, retries, backoff, maxWait);
    }

    @Override
    public String toString() {
        return "OpenAiSettings[apiKey=" + (apiKey.isEmpty() ? "<none>" : "***") + ", baseUrl=" + baseUrl
                + ", model=" + model + ", temperature=" + temperature + ", maxCompletionTokens=" + maxCompletionTokens
                + ", firstTokenTimeout=" + firstTokenTimeout + ", retriesBeforeFirstToken=" + retriesBeforeFirstToken
                + "]";
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
