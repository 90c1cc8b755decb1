package dev.vaani.testing;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;

/**
 * Spring Boot's Logback logging system with its set-up done one application at a time. The test run starts Spring
 * applications on several threads at once (concurrent test classes, each with its own context), and they all
 * configure the one Logback context of the JVM: two at once fail now and then with a
 * {@code ConcurrentModificationException} in Logback's properties or "Unable to find Spring Environment in logger
 * context", the context failing to start (measured: 6 of 160 applications started four at a time). A server is one
 * application per JVM and never meets this, so only the tests use it ({@code org.springframework.boot.logging.LoggingSystem}
 * in the surefire configuration).
 */
public class SerializedLogbackLoggingSystem extends LogbackLoggingSystem {

    private static final Object CONFIGURING = new Object();

    public SerializedLogbackLoggingSystem(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public void beforeInitialize() {
        synchronized (CONFIGURING) {
            super.beforeInitialize();
        }
    }

    @Override
    public void initialize(LoggingInitializationContext context, String configLocation, LogFile logFile) {
        synchronized (CONFIGURING) {
            super.initialize(context, configLocation, logFile);
        }
    }

    @Override
    public void setLogLevel(String loggerName, LogLevel level) {
        synchronized (CONFIGURING) {
            super.setLogLevel(loggerName, level);
        }
    }

    @Override
    public void cleanUp() {
        synchronized (CONFIGURING) {
            super.cleanUp();
        }
    }
}
