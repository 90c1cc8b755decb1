package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CallingWindowTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");

    @Test
    void traiWindowIsOpenFromNineInclusiveToNineExclusive() {
        CallingWindow window = CallingWindow.TRAI_DEFAULT;
        assertThat(window.isOpen(Instant.parse("2025-06-02T03:30:00Z"), IST)).isTrue();   // 09:00 IST
        assertThat(window.isOpen(Instant.parse("2025-06-02T03:29:59Z"), IST)).isFalse();  // 08:59:59 IST
        assertThat(window.isOpen(Instant.parse("2025-06-02T15:30:00Z"), IST)).isFalse();  // 21:00 IST
    }

    @Test
    void closedWindowOpensLaterTheSameDay() {
        Instant sevenAm = Instant.parse("2025-06-02T01:30:00Z"); // 07:00 IST
        assertThat(CallingWindow.TRAI_DEFAULT.nextOpening(sevenAm, IST)).isEqualTo(Instant.parse("2025-06-02T03:30:00Z"));
    }

    @Test
    void afterClosingItOpensTheNextMorning() {
        Instant tenPm = Instant.parse("2025-06-02T16:30:00Z"); // 22:00 IST
        assertThat(CallingWindow.TRAI_DEFAULT.nextOpening(tenPm, IST)).isEqualTo(Instant.parse("2025-06-03T03:30:00Z"));
    }

    @Test
    void windowAcrossMidnightIsOpenLateEveningAndEarlyMorning() {
        CallingWindow night = new CallingWindow(LocalTime.of(21, 0), LocalTime.of(2, 0));
        assertThat(night.isOpen(Instant.parse("2025-06-02T17:30:00Z"), IST)).isTrue();   // 23:00
        assertThat(night.isOpen(Instant.parse("2025-06-02T19:00:00Z"), IST)).isTrue();   // 00:30 next day
        assertThat(night.isOpen(Instant.parse("2025-06-02T20:30:00Z"), IST)).isFalse();  // 02:00
        assertThat(night.nextOpening(Instant.parse("2025-06-02T20:30:00Z"), IST))
                .isEqualTo(Instant.parse("2025-06-03T15:30:00Z"));                         // 21:00 same local day
    }

    @Test
    void decidesInTheLeadsTimeZone() {
        Instant instant = Instant.parse("2025-06-02T05:15:00Z"); // 10:45 IST, 09:15 Dubai
        assertThat(CallingWindow.TRAI_DEFAULT.isOpen(instant, IST)).isTrue();
        assertThat(CallingWindow.TRAI_DEFAULT.isOpen(Instant.parse("2025-06-02T04:45:00Z"), DUBAI)).isFalse(); // 08:45 Dubai
        assertThat(CallingWindow.TRAI_DEFAULT.nextOpening(Instant.parse("2025-06-02T04:45:00Z"), DUBAI))
                .isEqualTo(Instant.parse("2025-06-02T05:00:00Z"));
    }

    @Test
    void equalStartAndEndMeansAllDay() {
        CallingWindow always = new CallingWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertThat(always.isOpen(Instant.parse("2025-06-02T22:00:00Z"), IST)).isTrue();
    }
}
