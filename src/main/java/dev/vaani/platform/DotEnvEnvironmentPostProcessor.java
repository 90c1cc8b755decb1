package dev.vaani.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads a {@code .env} file from the working directory (or {@code VAANI_ENV_FILE}) as a property source just below
 * the process environment, so real environment variables win over the file.
 */
public class DotEnvEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "dotenv";

    private final Log log;

    public DotEnvEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DotEnvEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        String file = environment.getProperty("VAANI_ENV_FILE", ".env");
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            return;
        }
        Map<String, Object> values;
        try {
            values = parse(Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfigurationException("VAANI_ENV_FILE", "points to " + path + " which cannot be read: " + e.getMessage());
        }
        MapPropertySource source = new MapPropertySource(SOURCE_NAME, values);
        String environmentSource = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (environment.getPropertySources().contains(environmentSource)) {
            environment.getPropertySources().addAfter(environmentSource, source);
        } else {
            environment.getPropertySources().addLast(source);
        }
        log.info("Read " + values.size() + " settings from " + path.toAbsolutePath().normalize()
                + " (environment variables take precedence)");
    }

    /** KEY=VALUE lines; '#' comments, optional 'export ', single or double quotes. */
    public static Map<String, Object> parse(List<String> lines) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String rawLine : lines) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            values.put(key, value);
        }
        return values;
    }

    @Override
    public int getOrder() {
        // Before Spring's config data processing, so application.yml placeholders can see .env values.
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
