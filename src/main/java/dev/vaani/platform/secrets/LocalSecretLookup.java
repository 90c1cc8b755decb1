package dev.vaani.platform.secrets;

import dev.vaani.platform.DotEnvEnvironmentPostProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the local tools ({@code ./vaani simulate}, {@code ./vaani exotel}) find a secret of a server started from the
 * same folder, as the server itself would: the variable (system property or environment), then the {@code .env}
 * file, then the file the server generated in the data folder.
 */
public final class LocalSecretLookup {

    private final Map<String, String> environment;
    private final Map<String, Object> dotEnv;

    LocalSecretLookup(Map<String, String> environment, Map<String, Object> dotEnv) {
        this.environment = environment;
        this.dotEnv = dotEnv;
    }

    /**
     * Reads this process's environment, system properties (which win, as in the server) and .env
     * ({@code VAANI_ENV_FILE}, default {@code .env}).
     */
    public static LocalSecretLookup fromThisProcess() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        for (String name : System.getProperties().stringPropertyNames()) {
            environment.put(name, System.getProperty(name));
        }
        String envFile = setting(environment, Map.of(), "VAANI_ENV_FILE");
        Path file = Path.of(envFile == null ? ".env" : envFile);
        Map<String, Object> dotEnv = Map.of();
        if (Files.isRegularFile(file)) {
            try {
                dotEnv = DotEnvEnvironmentPostProcessor.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                dotEnv = Map.of();
            }
        }
        return new LocalSecretLookup(environment, dotEnv);
    }

    public Optional<String> find(LocalSecret secret) {
        String configured = setting(environment, dotEnv, secret.variable());
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        return secret.stored(dataDirectory());
    }

    /** VAANI_DATA_DIR as the server reads it; {@code data} by default. */
    public Path dataDirectory() {
        String dir = setting(environment, dotEnv, "VAANI_DATA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "data" : dir.strip());
    }

    private static String setting(Map<String, String> environment, Map<String, Object> dotEnv, String name) {
        String value = environment.get(name);
        if (value == null && dotEnv.get(name) != null) {
            value = dotEnv.get(name).toString();
        }
        return value;
    }
}
