package dev.vaani.conversation.openai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Collects what a chat stream delivers, for assertions. */
final class RecordingChatListener implements ChatStreamListener {

    final List<String> deltas = new CopyOnWriteArrayList<>();
    final List<ToolCall> toolCalls = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch firstDelta = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    volatile String finishReason;
    volatile TokenUsage usage;
    volatile LlmFailure failure;

    @Override
    public void onContent(String delta) {
        deltas.add(delta);
        events.add("content");
        firstDelta.countDown();
    }

    @Override
    public void onToolCalls(List<ToolCall> calls) {
        toolCalls.addAll(calls);
        events.add("tools");
    }

    @Override
    public void onComplete(String finishReason, TokenUsage usage) {
        this.finishReason = finishReason;
        this.usage = usage;
        events.add("complete");
        done.countDown();
    }

    @Override
    public void onError(LlmFailure failure) {
        this.failure = failure;
        events.add("error");
        done.countDown();
    }

    RecordingChatListener awaitDone() throws InterruptedException {
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("stream did not end; events so far: " + events);
        }
        return this;
    }

    String text() {
        return String.join("", deltas);
    }
}
