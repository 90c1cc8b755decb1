package dev.vaani.testing;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The provider timers a test hands to a speech client, as the application's {@code providerTimers} bean does. */
public final class TestTimers {

    public static final ScheduledExecutorService PROVIDER_TIMERS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("test-provider-timers").factory());

    private TestTimers() {
    }
}
