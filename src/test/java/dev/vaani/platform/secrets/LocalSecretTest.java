package dev.vaani.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.platform.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class LocalSecretTest {

    @TempDir
    Path data;

    @Test
    void aGeneratedSecretIsSavedReadableOnlyByItsOwner() throws Exception {
        LocalSecret.Resolved resolved = LocalSecret.MEDIA_SECRET.resolve("", data);

        Path file = data.resolve("media-secret");
        assertThat(resolved.generated()).isTrue();
        assertThat(resolved.value()).startsWith("media_").hasSize("media_".length() + 48);
        assertThat(Files.readString(file).strip()).isEqualTo(resolved.value());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(resolved.toString()).doesNotContain(resolved.value());
    }

    @Test
    void aRestartReadsTheSameSecretAgain() {
        String first = LocalSecret.WEBHOOK_SECRET.resolve(null, data).value();

        LocalSecret.Resolved second = LocalSecret.WEBHOOK_SECRET.resolve(null, data);

        assertThat(second.generated()).isFalse();
        assertThat(second.value()).isEqualTo(first);
        assertThat(LocalSecret.MEDIA_SECRET.resolve(null, data).value()).as("each secret has its own file")
                .isNotEqualTo(first);
    }

    @Test
    void aConfiguredSecretWinsAndNothingIsWritten() {
        LocalSecret.Resolved resolved = LocalSecret.MEDIA_SECRET.resolve("  chosen-by-operator ", data);

        assertThat(resolved.value()).isEqualTo("chosen-by-operator");
        assertThat(resolved.file()).isNull();
        assertThat(data.resolve("media-secret")).doesNotExist();
    }

    @Test
    void theLogNamesTheFileOfAGeneratedSecretAndShowsNothingOfIt(CapturedOutput output) {
        DeferredLogs logs = new DeferredLogs();
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString());

        new SecretsEnvironmentPostProcessor(logs).postProcessEnvironment(environment, new SpringApplication());
        logs.switchOverAll();

        assertThat(output.getAll()).contains("MEDIA_SECRET is not set", data.resolve("media-secret").toString(),
                        data.resolve("exotel-webhook-secret").toString())
                .doesNotContainPattern("media_[0-9a-f]").doesNotContainPattern("hook_[0-9a-f]");
    }

    @Test
    void theServerFillsInGeneratedSecretsOnlyWhereNoneIsConfigured() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString())
                .withProperty("vaani.exotel.webhook-secret", "configured-hook-secret");

        new SecretsEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("vaani.exotel.webhook-secret")).isEqualTo("configured-hook-secret");
        assertThat(environment.getProperty("vaani.call.media-secret"))
                .isEqualTo(LocalSecret.MEDIA_SECRET.stored(data).orElseThrow());
        assertThat(data.resolve("exotel-webhook-secret")).doesNotExist();
    }

    @Test
    void aConfiguredSecretShorterThanSixteenCharactersIsRefusedByItsVariableWithoutShowingIt() {
        assertThatThrownBy(() -> LocalSecret.MEDIA_SECRET.resolve("fifteen-chars-x", data))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("MEDIA_SECRET is shorter than 16 characters")
                .hasMessageNotContaining("fifteen-chars-x");
    }

    @Test
    void aConfiguredSecretOfSixteenCharactersIsAccepted() {
        assertThat(LocalSecret.MEDIA_SECRET.resolve("sixteen-chars-xy", data).value()).isEqualTo("sixteen-chars-xy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaaaaaaaaaaaa", "abababababababababababab", "1234123412341234",
            "long-random-string"})
    void anObviouslyWeakConfiguredSecretIsRefused(String weak) {
        assertThatThrownBy(() -> LocalSecret.WEBHOOK_SECRET.resolve(weak, data))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("EXOTEL_WEBHOOK_SECRET is")
                .hasMessageNotContaining(weak);
    }

    @Test
    void aWeakSecretWrittenIntoTheDataFolderByHandIsRefusedToo() throws Exception {
        Files.writeString(data.resolve("media-secret"), "guessable\n");

        assertThatThrownBy(() -> LocalSecret.MEDIA_SECRET.resolve(null, data))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("MEDIA_SECRET").hasMessageContaining(data.resolve("media-secret").toString())
                .hasMessageNotContaining("guessable");
    }

    @Test
    void theServerRefusesAWeakConfiguredSecretBeforeAnythingStarts() {
        MockEnvironment environment = new MockEnvironment().withProperty("vaani.data-dir", data.toString())
                .withProperty("vaani.exotel.webhook-secret", "hook-secret");

        assertThatThrownBy(() -> new SecretsEnvironmentPostProcessor(new DeferredLogs())
                .postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("EXOTEL_WEBHOOK_SECRET is shorter than 16 characters");
    }

    @Test
    void theLocalToolsFindTheVariableThenDotEnvThenTheDataFolder() {
        String generated = LocalSecret.MEDIA_SECRET.resolve(null, data).value();
        Map<String, String> environment = Map.of("VAANI_DATA_DIR", data.toString());

        assertThat(new LocalSecretLookup(environment, Map.of()).find(LocalSecret.MEDIA_SECRET)).contains(generated);
        assertThat(new LocalSecretLookup(environment, Map.of("MEDIA_SECRET", "from-dotenv"))
                .find(LocalSecret.MEDIA_SECRET)).contains("from-dotenv");
        assertThat(new LocalSecretLookup(Map.of("VAANI_DATA_DIR", data.toString(), "MEDIA_SECRET", "from-env"),
                Map.of("MEDIA_SECRET", "from-dotenv")).find(LocalSecret.MEDIA_SECRET)).contains("from-env");
        assertThat(new LocalSecretLookup(Map.of(), Map.of("VAANI_DATA_DIR", data.toString()))
                .find(LocalSecret.MEDIA_SECRET)).as("VAANI_DATA_DIR from .env").contains(generated);
        assertThat(new LocalSecretLookup(environment, Map.of()).find(LocalSecret.WEBHOOK_SECRET)).isEmpty();
    }

    @Test
    void urlsArePrintedWithoutTheirSecrets() {
        assertThat(SecretMasking.url("wss://vaani:media_abc@host.example/media?lead_id=1&token=media_abc&x=2"))
                .isEqualTo("wss://****@host.example/media?lead_id=1&token=****&x=2");
        assertThat(SecretMasking.url("https://h/webhooks/exotel/call-status?secret=hook_1")).endsWith("?secret=****");
    }
}
