package dev.vaani.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a reply said (an error as "error: …") and the actions it took, in the lists it is given. */
public final class RecordingReplyListener implements ReplyListener {

    private final List<String> said;
    private final List<AgentAction> actions;

    public RecordingReplyListener(List<String> said, List<AgentAction> actions) {
        this.said = said;
        this.actions = actions;
    }

    public RecordingReplyListener() {
        this(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    }

    /** Everything said, joined. */
    public String text() {
        return String.join("", said);
    }

    @Override
    public void onText(String delta) {
        said.add(delta);
    }

    @Override
    public void onAction(AgentAction action) {
        actions.add(action);
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void onError(Throwable error) {
        said.add("error: " + error.getMessage());
    }
}
