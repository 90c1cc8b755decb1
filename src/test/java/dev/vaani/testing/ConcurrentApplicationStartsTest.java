package dev.vaani.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Spring applications started at the same moment in one JVM, as the concurrent test classes start theirs, all start:
 * their logging set-up takes turns ({@link SerializedLogbackLoggingSystem}). Without it 16 of 320 such starts failed
 * (Logback's {@code ConcurrentModificationException}, "Unable to find Spring Environment in logger context"), once
 * in a while failing a test class in the suite. Isolated: each start reconfigures the JVM's one Logback context.
 */
@Isolated
class ConcurrentApplicationStartsTest {

    private static final int AT_ONCE = 4;
    private static final int ROUNDS = 40;

    @Configuration(proxyBeanMethods = false)
    static class NothingToConfigure {
    }

    @Test
    void fourApplicationsStartedAtOnceAllStart() throws Exception {
        List<String> failures = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(AT_ONCE);
                List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    starts.add(threads.submit(() -> {
                        together.await();
                        return new SpringApplicationBuilder(NothingToConfigure.class)
                                .web(WebApplicationType.NONE).properties("spring.main.banner-mode=off").run();
                    }));
                }
                for (Future<ConfigurableApplicationContext> start : starts) {
                    try {
                        start.get().close();
                    } catch (ExecutionException e) {
                        failures.add(rootCause(e).toString());
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(failures).as("of %d starts", AT_ONCE * ROUNDS).isEmpty();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
