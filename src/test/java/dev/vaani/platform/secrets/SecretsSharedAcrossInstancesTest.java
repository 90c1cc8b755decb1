package dev.vaani.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * An instance on a shared database (DATABASE_URL) whose secrets come from its own data folder is told, at start-up,
 * that the other instances (and the next one a rolling deploy starts) need the same ones.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsSharedAcrossInstancesTest {

    /** Logs at once, where the server's deferred logs would wait for logging to be set up. */
    private static final DeferredLogFactory LOG_NOW = destination -> destination.get();

    @TempDir
    Path data;

    @Test
    void onASharedDatabaseSecretsFromTheDataFolderAreNamedAsNeedingTheSameValueOnEveryInstance(CapturedOutput output) {
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString())
                .withProperty("DATABASE_URL", "postgresql://vaani:pw@db.example.com:5432/vaani")
                .withProperty("vaani.call.media-secret", "operator-chosen-media-secret");

        new SecretsEnvironmentPostProcessor(LOG_NOW).postProcessEnvironment(environment, new SpringApplication());

        assertThat(output.getOut()).contains("DATABASE_URL is set, and EXOTEL_WEBHOOK_SECRET, SUPPRESSION_KEY come from"
                + " this instance's data folder").contains("every instance sharing the database")
                .doesNotContain("MEDIA_SECRET,").doesNotContain("operator-chosen-media-secret");
    }

    @Test
    void withEveryInstanceSecretConfiguredNothingIsSaid(CapturedOutput output) {
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString())
                .withProperty("DATABASE_URL", "postgresql://vaani:pw@db.example.com:5432/vaani")
                .withProperty("vaani.call.media-secret", "operator-chosen-media-secret")
                .withProperty("vaani.exotel.webhook-secret", "operator-chosen-webhook-secret")
                .withProperty("vaani.privacy.suppression-key", "operator-chosen-suppression-key");

        new SecretsEnvironmentPostProcessor(LOG_NOW).postProcessEnvironment(environment, new SpringApplication());

        assertThat(output.getOut()).doesNotContain("DATABASE_URL is set");
    }

    @Test
    void theEmbeddedDatabaseIsThisInstancesAloneSoItsDataFolderSecretsAreFine(CapturedOutput output) {
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString());

        new SecretsEnvironmentPostProcessor(LOG_NOW).postProcessEnvironment(environment, new SpringApplication());

        assertThat(output.getOut()).contains("generated one and saved it").doesNotContain("DATABASE_URL is set");
    }
}
