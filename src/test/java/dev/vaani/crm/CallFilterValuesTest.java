package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.CallOutcome;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The values the calls list may be filtered by are the values calls have. */
class CallFilterValuesTest {

    @Test
    void theOutcomesAcceptedAreEveryCallOutcome() {
        assertThat(CallController.OUTCOMES.split("\\|"))
                .containsExactlyInAnyOrder(Arrays.stream(CallOutcome.values()).map(CallOutcome::code).toArray(String[]::new));
    }

    @Test
    void theStatusesAcceptedIncludeEveryTerminalStatusOfExotel() {
        assertThat(CallController.STATUSES.split("\\|")).contains(CallStatusUpdate.TERMINAL.toArray(String[]::new));
    }
}
