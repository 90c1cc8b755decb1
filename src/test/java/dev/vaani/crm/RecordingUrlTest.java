package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://s3-ap-southeast-1.amazonaws.com/recordings/abc123.mp3",
            "https://recordings.exotel.com/a.mp3?X-Amz-Signature=ab12&X-Amz-Expires=3600", "HTTPS://rec.example/a.mp3"})
    void anAbsoluteHttpsUrlAsExotelGivesIsPlayable(String url) {
        assertThat(RecordingUrl.playable(url)).contains(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8090/recordings/b6cf.wav", "http://localhost:8090/recordings/b6cf.wav",
            "http://[::1]:8090/recordings/b6cf.wav"})
    void theLocalExotelSimulatorsRecordingOnLoopbackIsPlayable(String url) {
        assertThat(RecordingUrl.playable(url)).contains(url);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"javascript:alert(document.cookie)//.mp3", "JavaScript:alert(1)",
            "data:audio/mpeg;base64,AAAA",
            "http://rec.example/a.mp3", "http://127.0.0.1.rec.example/a.mp3", "http://localhost@rec.example/a.mp3",
            "//rec.example/a.mp3", "/recordings/a.mp3", "a.mp3", "https:a.mp3",
            "https:///a.mp3", "https://user:password@rec.example/a.mp3", " https://rec.example/a.mp3",
            "https://rec.example/a.mp3\" onerror=\"alert(1)", "https://rec.example/a\n.mp3"})
    void anythingElseIsNot(String url) {
        assertThat(RecordingUrl.playable(url)).isEmpty();
    }

    @Test
    void anOverlongUrlIsNot() {
        assertThat(RecordingUrl.playable("https://rec.example/" + "a".repeat(RecordingUrl.MAX_LENGTH))).isEmpty();
    }
}
