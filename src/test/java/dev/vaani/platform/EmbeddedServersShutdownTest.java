package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The embedded PostgreSQL and Redis stop at JVM exit only after the application has closed, and so after its drain:
 * on SIGTERM Spring's own shutdown hook is already closing it, live calls still running and writing their records.
 */
class EmbeddedServersShutdownTest {

    /** Stands for ShutdownDrain: its stop() holds the close until the live calls are over. */
    static final class Drain implements SmartLifecycle {
        final CountDownLatch stopping = new CountDownLatch(1);
        final CountDownLatch callsOver = new CountDownLatch(1);
        private volatile boolean running;

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            stopping.countDown();
            try {
                callsOver.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Test
    void theServersWaitForAnApplicationAnotherHookIsStillDraining() throws Exception {
        GenericApplicationContext application = new GenericApplicationContext();
        application.registerBean(Drain.class, Drain::new);
        application.refresh();
        Drain drain = application.getBean(Drain.class);
        Thread springsHook = Thread.ofPlatform().start(application::close);
        assertThat(drain.stopping.await(10, TimeUnit.SECONDS)).isTrue();

        CountDownLatch serversMayStop = new CountDownLatch(1);
        Thread serversHook = Thread.ofPlatform().start(() -> {
            EmbeddedServers.closeAndAwait(application);
            serversMayStop.countDown();
        });

        // the 100 ms a second close() waits for the first, several times over: the drain is still on
        assertThat(serversMayStop.await(1, TimeUnit.SECONDS)).isFalse();
        drain.callsOver.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> serversMayStop.getCount() == 0);
        assertThat(application.isActive()).isFalse();
        springsHook.join();
        serversHook.join();
    }

    @Test
    void anApplicationNobodyClosedIsClosedByTheServersHook() {
        GenericApplicationContext application = new GenericApplicationContext();
        application.refresh();

        EmbeddedServers.closeAndAwait(application);

        assertThat(application.isActive()).isFalse();
    }
}
