package dev.vaani.platform;

import java.sql.SQLException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a failure means PostgreSQL could not be reached or stopped answering (no connection within the pool's
 * connection timeout, a statement unanswered past {@code DATABASE_SOCKET_TIMEOUT}, a dropped connection), rather than
 * a fault in the request or in our code. Pages and API answers then say "try again" (503), and the log gets one line
 * per request instead of a stack trace: the outage itself is what the operator needs to see.
 */
public final class DatabaseUnavailable {

    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE PostgreSQL gave the failure, or null when it never answered one (an outage, a pool timeout). */
    public static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The innermost message, for the one log line (it names what failed, never a password or a query's values). */
    public static String reason(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() != null ? innermost.getMessage() : innermost.getClass().getSimpleName();
    }
}
