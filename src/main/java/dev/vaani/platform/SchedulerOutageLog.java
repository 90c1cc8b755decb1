package dev.vaani.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.vaani.logging.ThrottledLog;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * db-scheduler polls PostgreSQL every few seconds and logs each poll that fails with a stack trace at ERROR ("Unhandled
 * exception. Will keep running."): while PostgreSQL is down that is a trace every 5 s, burying the one line that says
 * what is wrong. Its failures that only mean PostgreSQL is unreachable ({@link DatabaseUnavailable}) become one line
 * a minute, with how many were folded into it; any other failure of the scheduler is logged as it comes.
 */
public final class SchedulerOutageLog extends TurboFilter {

    static final String SCHEDULER_LOGGERS = "com.github.kagkarlsson.scheduler";

    private final ThrottledLog outage;

    public SchedulerOutageLog() {
        this(new ThrottledLog(LoggerFactory.getLogger(SchedulerOutageLog.class), org.slf4j.event.Level.WARN,
                Duration.ofMinutes(1)));
    }

    SchedulerOutageLog(ThrottledLog outage) {
        this.outage = outage;
    }

    /** Installs the filter in the process's logging once Spring Boot has set Logback up (which drops earlier filters). */
    @org.springframework.stereotype.Component
    static class Installer {
        Installer() {
            install();
        }
    }

    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(SchedulerOutageLog.class::isInstance)) {
            SchedulerOutageLog filter = new SchedulerOutageLog();
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith(SCHEDULER_LOGGERS)
                || !DatabaseUnavailable.is(t)) {
            return FilterReply.NEUTRAL;
        }
        outage.log("Scheduled work (db-scheduler) cannot reach PostgreSQL: {}; it keeps polling",
                DatabaseUnavailable.reason(t));
        return FilterReply.DENY;
    }
}
