package dev.vaani.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides where PostgreSQL and Redis are: the servers named by DATABASE_URL / REDIS_URL, or embedded real servers
 * started here with their data under VAANI_DATA_DIR (default ./data). Logs one line saying which.
 */
public class StorageEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private static final String SOURCE_NAME = "vaani-storage";

    private final Log log;

    public StorageEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(StorageEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        Path dataDirectory = Path.of(environment.getProperty("VAANI_DATA_DIR",
                environment.getProperty("vaani.data-dir", "data")));
        Map<String, Object> properties = new HashMap<>();
        String database = configureDatabase(environment.getProperty("DATABASE_URL"), dataDirectory, properties);
        String redis = configureRedis(environment.getProperty("REDIS_URL"),
                environment.getProperty("VAANI_REDIS_SERVER", EmbeddedRedis.DEFAULT_BINARY), dataDirectory, properties);
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
        application.addListeners((ApplicationListener<ApplicationPreparedEvent>) prepared ->
                EmbeddedServers.closeBeforeStopping(prepared.getApplicationContext()));
        LeftoverServer.takeStopped().forEach(log::warn); // a killed Vaani's servers, stopped before these started
        log.info("Storage: " + database + "; " + redis);
    }

    private String configureDatabase(String databaseUrl, Path dataDirectory, Map<String, Object> properties) {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            properties.put("spring.datasource.url", url.jdbcUrl());
            if (url.username() != null) {
                properties.put("spring.datasource.username", url.username());
            }
            if (url.password() != null) {
                properties.put("spring.datasource.password", url.password());
            }
            return "PostgreSQL from DATABASE_URL (" + url.describe() + ")";
        }
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(dataDirectory.resolve("postgres"));
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        return "embedded PostgreSQL on localhost:" + postgres.port() + " (password in "
                + EmbeddedServers.passwordFile(postgres.dataDirectory()) + ") with data in " + postgres.dataDirectory();
    }

    private String configureRedis(String redisUrl, String redisBinary, Path dataDirectory, Map<String, Object> properties) {
        if (redisUrl != null && !redisUrl.isBlank()) {
            String value = redisUrl.trim();
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("REDIS_URL", "is not a valid URL; expected redis://host:6379");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
                throw new InvalidConfigurationException("REDIS_URL",
                        "must look like redis://[:password@]host:6379[/db] (or rediss:// for TLS)");
            }
            properties.put("spring.data.redis.url", value);
            return "Redis from REDIS_URL (" + scheme + "://" + uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort()) + ")";
        }
        Path binary = Path.of(redisBinary);
        EmbeddedServers.Redis redis = EmbeddedServers.redis(dataDirectory.resolve("redis"), binary);
        properties.put("spring.data.redis.url", redis.url());
        return "embedded " + redis.server().describe() + " on 127.0.0.1:" + redis.port() + " (password in "
                + EmbeddedServers.passwordFile(redis.dataDirectory()) + ") with data in " + redis.dataDirectory();
    }

    @Override
    public int getOrder() {
        // After config data (application.yml, test properties) so vaani.data-dir can come from there.
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
