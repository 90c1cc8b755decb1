package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CallPresentationTest {

    private final CallPresentation presentation = new CallPresentation(JsonMapper.builder().build());

    @Test
    void aBookedCallBackShowsTheTimeOnTheLeadsOwnClock() {
        assertThat(presentation.collected("{\"budget\":\"₹50L\",\"callback_at\":\"2026-06-11T17:00:00+05:30\"}"))
                .containsExactly(java.util.Map.entry("budget", "₹50L"), java.util.Map.entry("callback at", "11 Jun, 17:00"));
    }

    @Test
    void aCallBackTimeThatIsNotOneIsShownAsStored() {
        assertThat(presentation.collected("{\"callback_at\":\"tomorrow evening\"}"))
                .containsEntry("callback at", "tomorrow evening");
    }
}
