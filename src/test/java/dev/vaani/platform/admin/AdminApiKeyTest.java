package dev.vaani.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.platform.InvalidConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AdminApiKeyTest {

    @TempDir
    Path data;

    @Test
    void aGeneratedKeyIsNeverLoggedOnlyWhereItIsKept(CapturedOutput output) {
        AdminApiKey key = AdminApiKey.resolve("", data);

        assertThat(key.value()).startsWith("vaani_");
        assertThat(output.getAll())
                .contains(data.resolve("admin-api-key").toString())
                .as("not even a prefix of the key").doesNotContainPattern("vaani_[0-9a-f]");
    }

    @Test
    void theKeyOfAnEarlierStartIsReadBackWithoutLoggingIt(CapturedOutput output) {
        String first = AdminApiKey.resolve("", data).value();

        AdminApiKey again = AdminApiKey.resolve(null, data);

        assertThat(again.matches(first)).isTrue();
        assertThat(output.getAll()).doesNotContain(first);
    }

    @Test
    void aConfiguredKeyIsUsedAsGivenAndNotLogged(CapturedOutput output) {
        AdminApiKey key = AdminApiKey.resolve("operator-chosen-key-123", data);

        assertThat(key.matches("operator-chosen-key-123")).isTrue();
        assertThat(output.getAll()).doesNotContain("operator-chosen-key-123");
    }

    @Test
    void aConfiguredKeyShorterThanSixteenCharactersStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> AdminApiKey.resolve("admin123", data))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("ADMIN_API_KEY is shorter than 16 characters")
                .hasMessageNotContaining("admin123");
    }
}
