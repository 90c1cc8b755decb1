package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.VaaniApplication;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated("reads the whole process's output, which tests running at the same time also write")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void aMalformedDatabaseUrlStopsStartUpWithOneClearMessage(CapturedOutput output) {
        assertThatThrownBy(() -> start("DATABASE_URL=mysql://user:pw@db:3306/calls"))
                .isInstanceOf(InvalidConfigurationException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("DATABASE_URL has scheme 'mysql'")
                .doesNotContain("\tat dev.vaani");
    }

    @Test
    void aMalformedCallDurationNamesTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> start("MAX_CALL_DURATION_MINUTES=ten"));

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("MAX_CALL_DURATION_MINUTES='ten' is malformed");
    }

    @Test
    void aSettingWithFixedChoicesListsThem(CapturedOutput output) {
        assertThatThrownBy(() -> start("VAD_MODE=foo"));

        assertThat(output.getOut() + output.getErr())
                .contains("VAD_MODE='foo' is malformed (expected one of: neural, energy)");
    }

    @Test
    void anInvalidLanguageNamesTheVariableNotTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("INBOUND_CALL_LANGUAGE=fr"));

        assertThat(output.getOut() + output.getErr())
                .contains("INBOUND_CALL_LANGUAGE='fr' must be en, hi or hinglish")
                .doesNotContain("vaani.call.inbound");
    }

    @Test
    void aNegativeCallDurationIsRejected(CapturedOutput output) {
        assertThatThrownBy(() -> start("MAX_CALL_DURATION_MINUTES=-5"));

        assertThat(output.getOut() + output.getErr()).contains("MAX_CALL_DURATION_MINUTES='-5' must be greater than 0");
    }

    @Test
    void aProviderKeyWithALineBreakIsRefusedByNameWithoutShowingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("SARVAM_API_KEY=sk-secret\nsecond-line"));

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("SARVAM_API_KEY must not contain spaces or line breaks")
                .doesNotContain("sk-secret");
    }

    @Test
    void aProviderAddressThatIsNoUrlNamesTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> start("DEEPGRAM_BASE_URL=wss://api deepgram com"));

        assertThat(output.getOut() + output.getErr())
                .contains("DEEPGRAM_BASE_URL='wss://api deepgram com' must be an absolute http(s) or ws(s) URL");
    }

    @Test
    void aShortMediaSecretStopsStartUpNamingTheVariableWithoutShowingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("MEDIA_SECRET=letmein-please"))
                .isInstanceOf(InvalidConfigurationException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("MEDIA_SECRET is shorter than 16 characters")
                .doesNotContain("letmein-please")
                .doesNotContain("\tat dev.vaani");
    }

    @Test
    void aDataFolderAnotherServerRunsInStopsStartUpSayingSo(@TempDir Path dataDirectory, CapturedOutput output)
            throws Exception {
        Path postgres = Files.createDirectories(dataDirectory.resolve("postgres"));
        try (FileChannel lockFile = FileChannel.open(postgres.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock heldByTheOtherServer = lockFile.lock()) {
            // an argument, as the build's system property VAANI_DATA_DIR outranks the application's own properties
            assertThatThrownBy(() -> new SpringApplicationBuilder(VaaniApplication.class).properties("server.port=0")
                    .run("--VAANI_DATA_DIR=" + dataDirectory).close())
                    .isInstanceOf(InvalidConfigurationException.class);
        }

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("VAANI_DATA_DIR is in use: another Vaani server runs its PostgreSQL in " + postgres)
                .doesNotContain("\tat dev.vaani");
    }

    private static void start(String setting) {
        new SpringApplicationBuilder(VaaniApplication.class)
                .properties(setting, "server.port=0")
                .run()
                .close();
    }
}
