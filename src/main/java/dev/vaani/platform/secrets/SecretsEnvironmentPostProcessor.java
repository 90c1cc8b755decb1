package dev.vaani.platform.secrets;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Fail closed: when MEDIA_SECRET, EXOTEL_WEBHOOK_SECRET or SUPPRESSION_KEY is not set, the server uses a secret
 * generated at first start and kept in the data folder ({@link LocalSecret}), so /media, the status webhook and the
 * voicebot-URL endpoint are never open, and an erased number is never kept as a plain hash. Everything downstream reads the ordinary properties and always finds a value. A configured
 * one that is too weak stops start-up here, naming its variable ({@link LocalSecret#resolve}).
 */
public class SecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "vaani-generated-secrets";
    private static final List<LocalSecret> SECRETS = List.of(LocalSecret.MEDIA_SECRET, LocalSecret.WEBHOOK_SECRET,
            LocalSecret.SUPPRESSION_KEY);

    private final Log log;

    public SecretsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(SecretsEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Path dataDirectory = Path.of(environment.getProperty("vaani.data-dir", "data"));
        Map<String, Object> generated = new HashMap<>();
        for (LocalSecret secret : SECRETS) {
            // A configured secret goes through resolve too, which refuses a weak one before anything starts.
            LocalSecret.Resolved resolved = secret.resolve(environment.getProperty(secret.property(), ""),
                    dataDirectory);
            if (resolved.file() == null) {
                continue;
            }
            generated.put(secret.property(), resolved.value());
            if (resolved.generated()) {
                // The file, never the value nor a prefix of it (AdminApiKey says why)
                log.warn(secret.variable() + " is not set: generated one and saved it in " + resolved.file()
                        + " (owner-only). Set " + secret.variable() + " to choose your own.");
            } else {
                log.info(secret.variable() + " is not set: using the one saved in " + resolved.file());
            }
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, generated));
        warnIfNotShared(environment.getProperty("DATABASE_URL"), generated.keySet(), dataDirectory);
    }

    /**
     * A database of one's own (DATABASE_URL) is what several instances share, and a rolling deploy runs two at once;
     * a secret each instance took from its own data folder then differs between them: a call the other instance
     * placed is refused on this one's /media, Exotel's flow holds one instance's webhook secret, and once a number is
     * erased an instance with another suppression key refuses to start (crm.SuppressionKeyCheck). Said once at
     * start-up, naming the variables.
     */
    private void warnIfNotShared(String databaseUrl, Set<String> fromDataFolder, Path dataDirectory) {
        if (databaseUrl == null || databaseUrl.isBlank() || fromDataFolder.isEmpty()) {
            return;
        }
        String variables = SECRETS.stream().filter(secret -> fromDataFolder.contains(secret.property()))
                .map(LocalSecret::variable).collect(Collectors.joining(", "));
        log.warn("DATABASE_URL is set, and " + variables + " come from this instance's data folder ("
                + dataDirectory.toAbsolutePath().normalize() + "): every instance sharing the database, and the next"
                + " one a deploy starts, needs the same values, or a call placed by one is refused by another and,"
                + " once a number is erased, an instance with another SUPPRESSION_KEY does not start. Set them (and"
                + " ADMIN_API_KEY) in the environment of every instance.");
    }

    @Override
    public int getOrder() {
        // After config data (application.yml, .env, test properties), so a configured secret is always seen.
        return Ordered.LOWEST_PRECEDENCE - 20;
    }
}
