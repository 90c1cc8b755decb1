package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DotEnvEnvironmentPostProcessorTest {

    @TempDir
    Path folder;

    @Test
    void readsSettingsFromTheDotEnvFile() throws IOException {
        StandardEnvironment environment = environmentWith(Map.of("VAANI_ENV_FILE", write("MAX_CALL_DURATION_MINUTES=7\n")));

        process(environment);

        assertThat(environment.getProperty("MAX_CALL_DURATION_MINUTES")).isEqualTo("7");
    }

    @Test
    void environmentVariablesWinOverTheFile() throws IOException {
        StandardEnvironment environment = environmentWith(Map.of(
                "VAANI_ENV_FILE", write("OPENAI_MODEL=gpt-from-file\nDEEPGRAM_MODEL=nova-2\n"),
                "OPENAI_MODEL", "gpt-from-env"));

        process(environment);

        assertThat(environment.getProperty("OPENAI_MODEL")).isEqualTo("gpt-from-env");
        assertThat(environment.getProperty("DEEPGRAM_MODEL")).isEqualTo("nova-2");
    }

    @Test
    void understandsCommentsQuotesAndExport() {
        Map<String, Object> values = DotEnvEnvironmentPostProcessor.parse(List.of(
                "# Exotel", "export EXOTEL_API_KEY=abc", "OUR_BASE_URL=\"https://x.example.com\"",
                "ELEVENLABS_VOICE_ID='voice 1'", "REDIS_URL=redis://localhost:6379 # local", "garbage line", ""));

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                "EXOTEL_API_KEY", "abc", "OUR_BASE_URL", "https://x.example.com",
                "ELEVENLABS_VOICE_ID", "voice 1", "REDIS_URL", "redis://localhost:6379"));
    }

    @Test
    void aMissingFileIsNotAnError() {
        StandardEnvironment environment = environmentWith(Map.of("VAANI_ENV_FILE", folder.resolve("absent.env").toString()));

        process(environment);

        assertThat(environment.getPropertySources().contains(DotEnvEnvironmentPostProcessor.SOURCE_NAME)).isFalse();
    }

    private String write(String content) throws IOException {
        Path file = folder.resolve(".env");
        Files.writeString(file, content);
        return file.toString();
    }

    private static StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        return environment;
    }

    private static void process(StandardEnvironment environment) {
        new DotEnvEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
    }
}
