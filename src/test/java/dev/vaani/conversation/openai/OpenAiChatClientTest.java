package dev.vaani.conversation.openai;

import static dev.vaani.testing.TestTimers.PROVIDER_TIMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import tools.jackson.databind.JsonNode;
import dev.vaani.conversation.openai.LlmFailure.Kind;
import dev.vaani.fakes.FakeOpenAi;
import dev.vaani.fakes.FakeReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final OpenAiChatClient client = new OpenAiChatClient(OpenAiSettings.defaults("sk-test-key")
            .withBaseUrl(fake.baseUrl())
            .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(50)), PROVIDER_TIMERS);

    private static final ChatRequest REQUEST = new ChatRequest(
            List.of(ChatMessage.system("You are Riya."), ChatMessage.user("Hello?")),
            List.of(new ToolDefinition("end_call", "End the call", Map.of("type", "object", "properties", Map.of()))));

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private RecordingChatListener stream() throws InterruptedException {
        var listener = new RecordingChatListener();
        client.streamChat(REQUEST, listener);
        return listener.awaitDone();
    }

    @Test
    void deliversContentDeltasInOrderThenCompletesWithUsage() throws Exception {
        fake.enqueue(FakeReply.text("Hi Priya, this is Riya. Is now a good time?"));

        var listener = stream();

        assertThat(listener.deltas).hasSizeGreaterThan(5);
        assertThat(listener.text()).isEqualTo("Hi Priya, this is Riya. Is now a good time?");
        assertThat(listener.finishReason).isEqualTo("stop");
        assertThat(listener.usage.totalTokens()).isEqualTo(132);
        assertThat(listener.events.getLast()).isEqualTo("complete");
    }

    @Test
    void sendsModelStreamingToolsAndBearerKey() throws Exception {
        fake.enqueue(FakeReply.text("Okay."));

        stream();

        FakeOpenAi.Recorded request = fake.requests().getFirst();
        JsonNode body = request.body();
        assertThat(request.headers()).containsEntry("authorization", "Bearer sk-test-key");
        assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("tool_choice").asString()).isEqualTo("auto");
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(200);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.6);
        assertThat(body.path("tools").get(0).path("function").path("name").asString()).isEqualTo("end_call");
        assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo("Hello?");
    }

    @Test
    void assemblesAToolCallWhoseArgumentsArriveInFragments() throws Exception {
        String args = "{\"budget\":\"80L-1Cr\",\"location\":\"Whitefield, Bangalore\"}";
        fake.enqueue(FakeReply.text("Noted.").andToolCall("save_lead_details", args));

        var listener = stream();

        assertThat(listener.toolCalls).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("save_lead_details");
            assertThat(call.id()).startsWith("call_");
            assertThat(call.arguments()).isEqualTo(args);
        });
        assertThat(listener.finishReason).isEqualTo("tool_calls");
        assertThat(listener.events).containsExactly("content", "content", "tools", "complete");
    }

    @Test
    void keepsParallelToolCallsApartByIndex() throws Exception {
        fake.enqueue(FakeReply.toolCall("save_lead_details", "{\"budget\":\"1 crore\"}")
                .andToolCall("end_call", "{\"outcome\":\"qualified\",\"summary\":\"Wants a villa\"}"));

        var listener = stream();

        assertThat(listener.toolCalls).extracting(ToolCall::name).containsExactly("save_lead_details", "end_call");
        assertThat(listener.toolCalls.get(1).arguments()).isEqualTo("{\"outcome\":\"qualified\",\"summary\":\"Wants a villa\"}");
        assertThat(listener.toolCalls.get(0).id()).isNotEqualTo(listener.toolCalls.get(1).id());
    }

    @Test
    void mapsAWrongKeyToUnauthorizedWithoutRetrying() throws Exception {
        fake.enqueue(FakeReply.invalidApiKey());

        var listener = stream();

        assertThat(listener.failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
        assertThat(listener.failure.getMessage()).startsWith("Incorrect API key provided");
        assertThat(listener.failure.requestId()).startsWith("req_");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aKeyThatCannotBeSentAsAHeaderFailsAsABadRequestWithoutShowingIt() throws Exception {
        try (var broken = new OpenAiChatClient(OpenAiSettings.defaults("sk-line\nbreak").withBaseUrl(fake.baseUrl())
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(50)), PROVIDER_TIMERS)) {
            var listener = new RecordingChatListener();
            broken.streamChat(REQUEST, listener);
            listener.awaitDone();

            assertThat(listener.failure.kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(listener.failure.getMessage()).doesNotContain("sk-line");
            assertThat(listener.failure.getCause()).isNull();
            assertThat(fake.requestCount()).isZero();
        }
    }

    @Test
    void retriesARateLimitAndThenSucceeds() throws Exception {
        fake.enqueue(FakeReply.rateLimited(1), FakeReply.text("Sorry, go ahead."));

        var listener = stream();

        assertThat(listener.failure).isNull();
        assertThat(listener.text()).isEqualTo("Sorry, go ahead.");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void reportsRateLimitedWithRetryAfterWhenRetriesRunOut() throws Exception {
        fake.enqueue(FakeReply.rateLimited(3), FakeReply.rateLimited(3));

        var listener = stream();

        assertThat(listener.failure.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(listener.failure.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void treatsInsufficientQuotaAsFinal() throws Exception {
        fake.enqueue(FakeReply.insufficientQuota(), FakeReply.text("never sent"));

        var listener = stream();

        assertThat(listener.failure.kind()).isEqualTo(Kind.QUOTA_EXCEEDED);
        assertThat(listener.failure.retryable()).isFalse();
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void retriesAServerErrorOnceThenReportsIt() throws Exception {
        fake.enqueue(FakeReply.serverError(), FakeReply.serverError(), FakeReply.text("too late"));

        var listener = stream();

        assertThat(listener.failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void retriesAStreamCutBeforeAnyContent() throws Exception {
        fake.enqueue(FakeReply.text("Lost").dropAfterChunks(1), FakeReply.text("Here I am."));

        var listener = stream();

        assertThat(listener.text()).isEqualTo("Here I am.");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void reportsConnectionLostWithoutRetryWhenContentWasAlreadyDelivered() throws Exception {
        fake.enqueue(FakeReply.text("This sentence will be cut off halfway").dropAfterChunks(4),
                FakeReply.text("must not be requested"));

        var listener = stream();

        assertThat(listener.deltas).containsExactly("This", " sentence", " will");
        assertThat(listener.failure.kind()).isEqualTo(Kind.CONNECTION_LOST);
        assertThat(listener.failure.afterContent()).isTrue();
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void reportsAnErrorObjectInsideTheStream() throws Exception {
        fake.enqueue(FakeReply.text("Hmm").failMidStream("The model is overloaded"));

        var listener = stream();

        assertThat(listener.failure.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(listener.failure.getMessage()).isEqualTo("The model is overloaded");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void timesOutWhenTheFirstTokenIsLate() throws Exception {
        try (var impatient = new OpenAiChatClient(OpenAiSettings.defaults("sk-test-key").withBaseUrl(fake.baseUrl())
                .withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5))
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10)), PROVIDER_TIMERS)) {
            fake.enqueue(FakeReply.text("Too slow.").firstChunkAfter(Duration.ofSeconds(3)));
            var listener = new RecordingChatListener();

            impatient.streamChat(REQUEST, listener);

            assertThat(listener.awaitDone().failure.kind()).isEqualTo(Kind.TIMEOUT);
        }
    }

    @Test
    void anAnswerThatKeepsTricklingIsStoppedAtTheReplyTimeout() throws Exception {
        // a token every 100 ms never trips the 2 s idle timeout: 60 tokens would stream for 6 s
        try (var bounded = new OpenAiChatClient(OpenAiSettings.defaults("sk-test-key").withBaseUrl(fake.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)).withReplyTimeout(Duration.ofMillis(800))
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10)), PROVIDER_TIMERS)) {
            fake.enqueue(FakeReply.text("and so on ".repeat(20)).chunkEvery(Duration.ofMillis(100)));
            var listener = new RecordingChatListener();
            long started = System.nanoTime();

            bounded.streamChat(REQUEST, listener);

            LlmFailure failure = listener.awaitDone().failure;
            assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(failure.afterContent()).isTrue();
            assertThat(failure.getMessage()).contains("still streaming after");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(listener.events).contains("content").doesNotContain("complete");
        }
    }

    @Test
    void anAnswerThatStallsAfterItsFirstWordsFailsAfterTheIdleTimeout() throws Exception {
        try (var bounded = new OpenAiChatClient(OpenAiSettings.defaults("sk-test-key").withBaseUrl(fake.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                .withRetries(0, Duration.ofMillis(10), Duration.ofMillis(10)), PROVIDER_TIMERS)) {
            // the role chunk, then "Sure" after a second (the first token), then nothing for longer than the idle timeout
            fake.enqueue(FakeReply.text("Sure, one moment").chunkEvery(Duration.ofSeconds(1)));
            var listener = new RecordingChatListener();

            bounded.streamChat(REQUEST, listener);

            LlmFailure failure = listener.awaitDone().failure;
            assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(failure.getMessage()).contains("stalled");
        }
    }

    @Test
    void cancelStopsDeliveryAndAbortsTheExchange() throws Exception {
        fake.enqueue(FakeReply.text("one two three four five six seven eight nine ten eleven twelve")
                .chunkEvery(Duration.ofMillis(30)));
        var listener = new RecordingChatListener();

        ChatStream stream = client.streamChat(REQUEST, listener);
        assertThat(listener.firstDelta.await(5, TimeUnit.SECONDS)).isTrue();
        stream.cancel();
        int seen = listener.events.size();

        await().atMost(Duration.ofSeconds(5)).until(() -> fake.abortedStreams() == 1);
        assertThat(listener.events).hasSize(seen).doesNotContain("complete", "error");
        stream.cancel();
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndFailsFast() throws Exception {
        var breaker = io.github.resilience4j.circuitbreaker.CircuitBreaker.of("test",
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50).build());
        try (var guarded = new OpenAiChatClient(OpenAiSettings.defaults("sk-test-key").withBaseUrl(fake.baseUrl())
                .withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)), breaker, PROVIDER_TIMERS)) {
            fake.enqueue(FakeReply.serverError(), FakeReply.serverError());
            for (int i = 0; i < 2; i++) {
                var failing = new RecordingChatListener();
                guarded.streamChat(REQUEST, failing);
                failing.awaitDone();
            }
            var listener = new RecordingChatListener();

            guarded.streamChat(REQUEST, listener);

            assertThat(listener.awaitDone().failure.kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(fake.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(OpenAiSettings.defaults("sk-secret-123").toString()).doesNotContain("sk-secret-123");
    }
}
