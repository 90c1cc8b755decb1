package dev.vaani.speech;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects speech events for assertions. */
public final class RecordingListener implements SpeechListener {

    private final List<SpeechEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SpeechEvent event) {
        events.add(event);
    }

    public List<SpeechEvent> events() {
        return List.copyOf(events);
    }

    public <T extends SpeechEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until an event of this type arrived and returns the first one. */
    public <T extends SpeechEvent> T awaitFirst(Class<T> type) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !eventsOf(type).isEmpty());
        return eventsOf(type).getFirst();
    }
}
