package dev.vaani.simulator;

/** The call could not be placed or the scenario could not be loaded; the message is meant for a person. */
public class SimulatorException extends RuntimeException {

    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short human reason for a failed WebSocket connection. */
    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.http.WebSocketHandshakeException h) {
                return "the server answered HTTP " + h.getResponse().statusCode() + " instead of a WebSocket upgrade";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
        }
        return cause == null ? "unknown error" : cause.toString();
    }
}
