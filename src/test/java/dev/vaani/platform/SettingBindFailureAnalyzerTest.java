package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingBindFailureAnalyzerTest {

    @Test
    void everySettingReadFromTheEnvironmentIsNamedByItsVariable() {
        assertThat(SettingBindFailureAnalyzer.VARIABLES)
                .containsEntry("vaani.call.max-duration-minutes", "MAX_CALL_DURATION_MINUTES")
                .containsEntry("vaani.call.inbound-language", "INBOUND_CALL_LANGUAGE")
                .containsEntry("vaani.vad.mode", "VAD_MODE")
                .containsEntry("vaani.providers.sarvam.api-key", "SARVAM_API_KEY")
                .containsEntry("server.port", "SERVER_PORT");
    }
}
