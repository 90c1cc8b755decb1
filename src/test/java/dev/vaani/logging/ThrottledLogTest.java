package dev.vaani.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ThrottledLogTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final AtomicLong now = new AtomicLong();
    private final RecordingLogger logger = new RecordingLogger();
    private final ThrottledLog log = new ThrottledLog(logger, Level.WARN, MINUTE, now::get);

    @Test
    void aFloodWithinOneIntervalWritesOnlyItsFirstLine() {
        for (int i = 0; i < 200; i++) {
            log.log("Refused a request from {}", "203.0.113." + i);
        }

        assertThat(logger.lines()).containsExactly(
                new RecordingLogger.Line(Level.WARN, "Refused a request from 203.0.113.0"));
    }

    @Test
    void theFirstLineAfterTheIntervalSaysHowManyWereNotWritten() {
        for (int i = 0; i < 200; i++) {
            log.log("Refused a request from {}", "203.0.113.7");
        }
        now.addAndGet(MINUTE.toNanos());

        log.log("Refused a request from {}", "198.51.100.1");

        assertThat(logger.texts()).containsExactly("Refused a request from 203.0.113.7",
                "Refused a request from 198.51.100.1 (199 more like this since the last one logged)");
    }

    @Test
    void aLineJustBeforeTheIntervalEndsIsOnlyCounted() {
        log.log("first");
        now.addAndGet(MINUTE.toNanos() - 1);

        log.log("second");

        assertThat(logger.texts()).containsExactly("first");
    }

    @Test
    void linesFarApartAreEachWrittenWithoutACount() {
        log.log("first");
        now.addAndGet(MINUTE.toNanos() * 5);
        log.log("second");

        assertThat(logger.texts()).containsExactly("first", "second");
    }

    @Test
    void nothingIsWrittenOrCountedBelowTheLoggersLevel() {
        logger.threshold(Level.ERROR);
        log.log("hidden");
        logger.threshold(Level.WARN);

        log.log("shown");

        assertThat(logger.texts()).containsExactly("shown");
    }
}
