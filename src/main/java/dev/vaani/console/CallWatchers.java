package dev.vaani.console;

import dev.vaani.call.CallActivity;
import dev.vaani.call.SerialExecutor;
import dev.vaani.call.session.TranscriptLine;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Browsers following calls through server-sent events. Call activity arrives on the call's own threads: here it is
 * only queued, and each browser's events are written in order on a virtual thread, so a slow browser never holds up a
 * call. The lines of each live call are kept here too, so a page that rendered the stored transcript gets exactly the
 * lines it has not seen, however the page load and the call's storage writes interleave.
 *
 * <p>A stream lasts only as long as the sign-in it was opened under: when its session ends (sign-out, expiry), so does
 * the stream, and an open tab stops receiving what leads say.
 *
 * <p>When the server stops, every stream ends before the web server's graceful shutdown begins: an open stream is a
 * request that never finishes, so the graceful shutdown would wait its whole phase timeout for it and then abort.
 * Ending them is safe because a browser's EventSource reconnects by itself (to this server's successor).
 */
@Component
class CallWatchers implements SmartLifecycle, DisposableBean, HttpSessionListener {

    /**
     * Just before the web server's graceful shutdown, so after {@code ShutdownDrain} (the highest phase): operators
     * still watch calls wrap up while they drain.
     */
    static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;

    /** A browser reconnects on its own after a timeout; a long one keeps idle connections cheap. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<TranscriptLine>> liveTranscripts = new ConcurrentHashMap<>();
    private final Set<Watcher> watchers = new CopyOnWriteArraySet<>();
    private volatile boolean running;

    /** One browser: every call (callSid null) or one call. */
    private final class Watcher {
        final String callSid;
        final String sessionId;
        final SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        final SerialExecutor sends = new SerialExecutor(pool, "console events");

        Watcher(String callSid, String sessionId) {
            this.callSid = callSid;
            this.sessionId = sessionId;
        }

        boolean wants(CallActivity activity) {
            return callSid == null ? !(activity instanceof CallActivity.Heard) : callSid.equals(activity.callSid());
        }

        void send(String name, String id, Object data) {
            sends.execute(() -> {
                try {
                    SseEmitter.SseEventBuilder event = SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON);
                    emitter.send(id == null ? event : event.id(id));
                } catch (IOException | IllegalStateException e) {
                    watchers.remove(this);
                }
            });
        }
    }

    /** What the browser receives for a heard line: its position in the call's transcript and the line. */
    record Line(int index, String speaker, String text, boolean interrupted, String timestamp) {
    }

    /** Call starts and ends, for the home page's live list and a campaign's progress; {@code sessionId} the viewer's. */
    SseEmitter watchAll(String sessionId) {
        return register(new Watcher(null, sessionId));
    }

    /**
     * One call's transcript lines from position {@code after} on (what the page has not shown), then as they are heard,
     * then its end.
     */
    SseEmitter watchCall(String callSid, int after, String sessionId) {
        Watcher watcher = new Watcher(callSid, sessionId);
        List<TranscriptLine> lines = liveTranscripts.get(callSid);
        if (lines == null) {
            return register(watcher);
        }
        synchronized (lines) { // no line is appended between the replay and the registration
            for (int i = Math.max(0, after); i < lines.size(); i++) {
                watcher.send("line", Integer.toString(i), line(i, lines.get(i)));
            }
            return register(watcher);
        }
    }

    boolean live(String callSid) {
        return liveTranscripts.containsKey(callSid);
    }

    private SseEmitter register(Watcher watcher) {
        watcher.emitter.onCompletion(() -> watchers.remove(watcher));
        watcher.emitter.onTimeout(() -> watchers.remove(watcher));
        watcher.emitter.onError(e -> watchers.remove(watcher));
        watchers.add(watcher);
        if (!running) { // stopping: a browser reconnecting now must not hold up the web server's shutdown either
            end(watcher);
            return watcher.emitter;
        }
        watcher.send("hello", null, Map.of("live", watcher.callSid == null || live(watcher.callSid)));
        return watcher.emitter;
    }

    @EventListener
    void on(CallActivity activity) {
        switch (activity) {
            case CallActivity.Started started -> {
                liveTranscripts.put(started.callSid(), new ArrayList<>());
                broadcast(activity, "started", null, Map.of("callSid", started.callSid(),
                        "campaignId", started.campaignId() == null ? "" : started.campaignId().toString()));
            }
            case CallActivity.Heard heard -> {
                List<TranscriptLine> lines = liveTranscripts.get(heard.callSid());
                if (lines == null) {
                    return;
                }
                synchronized (lines) {
                    lines.add(heard.line());
                    int index = lines.size() - 1;
                    broadcast(activity, "line", Integer.toString(index), line(index, heard.line()));
                }
            }
            case CallActivity.Ended ended -> {
                liveTranscripts.remove(ended.callSid());
                broadcast(activity, "ended", null, Map.of("callSid", ended.callSid(),
                        "campaignId", ended.campaignId() == null ? "" : ended.campaignId().toString(),
                        "outcome", ended.outcome() == null ? "" : ended.outcome()));
            }
        }
    }

    private void broadcast(CallActivity activity, String name, String id, Object data) {
        for (Watcher watcher : watchers) {
            if (watcher.wants(activity)) {
                watcher.send(name, id, data);
            }
        }
    }

    /** A sign-out or an expiry: that session's streams end. */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        String id = event.getSession().getId();
        watchers.stream().filter(watcher -> id.equals(watcher.sessionId)).forEach(this::end);
    }

    /** Streams open now. */
    int watching() {
        return watchers.size();
    }

    private static Line line(int index, TranscriptLine line) {
        return new Line(index, line.speaker(), line.text(), line.interrupted(), line.timestamp());
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false; // before ending the streams: register() sees it, or stop() sees the new watcher
        watchers.forEach(this::end);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        watchers.forEach(this::end); // none left after stop(), unless the context never started
        pool.shutdownNow(); // a browser that stopped reading must not hold up shutdown
    }

    private void end(Watcher watcher) {
        watchers.remove(watcher);
        try {
            watcher.emitter.complete();
        } catch (IllegalStateException e) {
            // Its response is already finished (the browser left, or the web server closed it): nothing to end.
        }
    }
}
