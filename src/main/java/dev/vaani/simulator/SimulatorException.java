package dev.vaani.simulator;

/** The call could not be placed or the scenario could not be loaded; the message is meant for a person. */
public class SimulatorException extends RuntimeException {

    public SimulatorException(String message) {
        super(message);
    }

    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
