package dev.vaani.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that keeps what it is given, for tests of code that takes a Logger: Logback's own loggers are
 * reset (their appenders removed) whenever a test class running at the same time starts a Spring application.
 */
final class RecordingLogger extends LegacyAbstractLogger {

    record Line(Level level, String text) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private volatile Level threshold = Level.TRACE;

    RecordingLogger() {
        this.name = "recording";
    }

    List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The least severe level written; below it nothing is enabled. */
    void threshold(Level level) {
        threshold = level;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold.toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message, Object[] arguments,
                                               Throwable throwable) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(message, arguments)));
    }
}
