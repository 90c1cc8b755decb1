package dev.vaani.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CallbackHoursTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @Test
    void aTimeInsideTheHoursStays() {
        OffsetDateTime asked = OffsetDateTime.parse("2026-06-10T15:00+05:30");

        assertThat(CallbackHours.TRAI.earliestFrom(asked, KOLKATA)).isEqualTo(asked);
    }

    @Test
    void aTimeAfterTheHoursCloseMovesToTheNextMorning() {
        assertThat(CallbackHours.TRAI.earliestFrom(OffsetDateTime.parse("2026-06-10T22:45+05:30"), KOLKATA))
                .isEqualTo(OffsetDateTime.parse("2026-06-11T09:00+05:30"));
    }

    @Test
    void aTimeBeforeTheyOpenMovesToThatMorning() {
        assertThat(CallbackHours.TRAI.earliestFrom(OffsetDateTime.parse("2026-06-10T07:30+05:30"), KOLKATA))
                .isEqualTo(OffsetDateTime.parse("2026-06-10T09:00+05:30"));
    }

    @Test
    void theLeadsOwnMorningCountsToo() {
        // 09:30 in India is 08:00 in Dubai: the person called is still protected by 09:00 where they are
        assertThat(CallbackHours.TRAI.earliestFrom(OffsetDateTime.parse("2026-06-10T09:30+05:30"), ZoneId.of("Asia/Dubai")))
                .isEqualTo(OffsetDateTime.parse("2026-06-10T10:30+05:30"));
    }

    @Test
    void aStoredWindowBeyondTraisHoursIsReadAsTrais() {
        CallbackHours acrossMidnight = new CallbackHours(LocalTime.of(21, 0), LocalTime.of(2, 0), KOLKATA);

        assertThat(acrossMidnight).isEqualTo(CallbackHours.TRAI);
    }
}
