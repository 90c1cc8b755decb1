package dev.vaani.call;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link CallClock} that moves only when the test says: timers fire in time order, on the test's thread. */
final class VirtualClock implements CallClock {

    private record Pending(long dueMs, long order, Runnable task, boolean[] cancelled) {}

    private final List<Pending> pending = new ArrayList<>();
    private long nowMs;
    private long order;

    @Override
    public long nowMs() {
        return nowMs;
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        boolean[] cancelled = new boolean[1];
        pending.add(new Pending(nowMs + Math.max(0, delayMs), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward by {@code millis}, running every timer that falls due on the way, at its due time. */
    void advance(long millis) {
        long until = nowMs + millis;
        while (true) {
            Pending next = pending.stream().filter(p -> !p.cancelled()[0] && p.dueMs() <= until)
                    .min(Comparator.comparingLong(Pending::dueMs).thenComparingLong(Pending::order)).orElse(null);
            if (next == null) {
                break;
            }
            pending.remove(next);
            nowMs = Math.max(nowMs, next.dueMs());
            next.task().run();
        }
        nowMs = until;
        pending.removeIf(p -> p.cancelled()[0]);
    }
}
