package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.platform.secrets.SecretsEnvironmentPostProcessor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The key of the suppressed numbers' hashes comes from SUPPRESSION_KEY as an operator sets it (application.yml maps
 * it), or is generated once into the data folder; either way every hash depends on it.
 */
class SuppressionKeyTest {

    @TempDir
    Path data;

    private MockEnvironment environmentWithApplicationYml() throws Exception {
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString());
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return environment;
    }

    @Test
    void theSuppressionKeyVariableIsTheKeyUsedAndNothingIsGenerated() throws Exception {
        MockEnvironment environment = environmentWithApplicationYml().withProperty("SUPPRESSION_KEY",
                "operator-chosen-suppression-key");

        new SecretsEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("vaani.privacy.suppression-key")).isEqualTo("operator-chosen-suppression-key");
        assertThat(data.resolve("suppression-key")).doesNotExist();
    }

    @Test
    void withoutTheVariableAKeyIsGeneratedIntoTheDataFolder() throws Exception {
        MockEnvironment environment = environmentWithApplicationYml();

        new SecretsEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("vaani.privacy.suppression-key"))
                .isEqualTo(LocalSecret.SUPPRESSION_KEY.stored(data).orElseThrow()).startsWith("supp_");
    }

    @Test
    void theHashDependsOnTheKey() {
        Suppressions one = new Suppressions(null, "first-suppression-key-0123");
        Suppressions other = new Suppressions(null, "other-suppression-key-4567");

        assertThat(one.hash("+919876543210")).hasSize(64).isNotEqualTo(other.hash("+919876543210"))
                .isEqualTo(one.hash("+919876543210"));
    }
}
