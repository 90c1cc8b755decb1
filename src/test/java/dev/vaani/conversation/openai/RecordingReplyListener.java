package dev.vaani.conversation.openai;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.ReplyListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Collects an agent reply, for assertions. */
final class RecordingReplyListener implements ReplyListener {

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<AgentAction> actions = new CopyOnWriteArrayList<>();
    final CountDownLatch firstText = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
    volatile boolean completed;
    volatile Throwable error;

    @Override
    public void onText(String delta) {
        texts.add(delta);
        firstText.countDown();
    }

    @Override
    public void onAction(AgentAction action) {
        actions.add(action);
    }

    @Override
    public void onComplete() {
        completed = true;
        done.countDown();
    }

    @Override
    public void onError(Throwable error) {
        this.error = error;
        done.countDown();
    }

    RecordingReplyListener awaitDone() throws InterruptedException {
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("reply did not end; text so far: " + text());
        }
        return this;
    }

    String text() {
        return String.join("", texts);
    }
}
