package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import dev.vaani.logging.ThrottledLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** While PostgreSQL is down, the scheduler's failed polls are one line a minute, not a stack trace every 5 s. */
class SchedulerOutageLogTest {

    private final LoggerContext logging = new LoggerContext();
    private final Logger scheduler = logging.getLogger("com.github.kagkarlsson.scheduler.RunUntilShutdown");
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private long nowNanos;
    private final SchedulerOutageLog filter;

    SchedulerOutageLogTest() {
        Logger ours = logging.getLogger(SchedulerOutageLog.class);
        written.start();
        ours.addAppender(written);
        filter = new SchedulerOutageLog(new ThrottledLog(ours, org.slf4j.event.Level.WARN, Duration.ofMinutes(1),
                () -> nowNanos));
    }

    @Test
    void aPollThatCannotReachPostgresIsFoldedIntoOneLineAMinute() {
        for (int poll = 0; poll < 12; poll++) { // a minute of polls every 5 s
            assertThat(decide(scheduler, unreachable())).isEqualTo(FilterReply.DENY);
            nowNanos += TimeUnit.SECONDS.toNanos(5);
        }
        decide(scheduler, unreachable());

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2)
                .first().asString().contains("cannot reach PostgreSQL", "Connection refused");
        assertThat(written.list.get(1).getFormattedMessage()).contains("11");
        assertThat(written.list).allMatch(event -> event.getThrowableProxy() == null);
    }

    @Test
    void anyOtherFailureOfTheSchedulerIsLoggedAsItComes() {
        assertThat(decide(scheduler, new IllegalStateException("a bug in a task"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(written.list).isEmpty();
    }

    @Test
    void otherLoggersAreLeftAlone() {
        assertThat(decide(logging.getLogger("dev.vaani.call.LiveCall"), unreachable())).isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(Logger logger, Throwable failure) {
        return filter.decide(null, logger, Level.ERROR, "Unhandled exception. Will keep running.", null, failure);
    }

    private static Throwable unreachable() {
        return new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("Connection to localhost:5432 refused: Connection refused", "08001"));
    }
}
