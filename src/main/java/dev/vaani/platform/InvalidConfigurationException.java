package dev.vaani.platform;

/** A configuration value is unusable; the message names the variable and says what is expected. */
public class InvalidConfigurationException extends RuntimeException {

    private final String variable;

    public InvalidConfigurationException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
