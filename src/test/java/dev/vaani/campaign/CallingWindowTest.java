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
        CallingWindow window = CallingWindow.TRAI_HOURS;
        assertThat(window.isOpen(Instant.parse("2025-06-02T03:30:00Z"), IST)).isTrue();   // 09:00 IST
        assertThat(window.isOpen(Instant.parse("2025-06-02T03:29:59Z"), IST)).isFalse();  // 08:59:59 IST
        assertThat(window.isOpen(Instant.parse("2025-06-02T15:30:00Z"), IST)).isFalse();  // 21:00 IST
    }

    @Test
    void closedWindowOpensLaterTheSameDay() {
        Instant sevenAm = Instant.parse("2025-06-02T01:30:00Z"); // 07:00 IST
        assertThat(CallingWindow.TRAI_HOURS.nextOpening(sevenAm, IST)).isEqualTo(Instant.parse("2025-06-02T03:30:00Z"));
    }

    @Test
    void afterClosingItOpensTheNextMorning() {
        Instant tenPm = Instant.parse("2025-06-02T16:30:00Z"); // 22:00 IST
        assertThat(CallingWindow.TRAI_HOURS.nextOpening(tenPm, IST)).isEqualTo(Instant.parse("2025-06-03T03:30:00Z"));
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
        assertThat(CallingWindow.TRAI_HOURS.isOpen(instant, IST)).isTrue();
        assertThat(CallingWindow.TRAI_HOURS.isOpen(Instant.parse("2025-06-02T04:45:00Z"), DUBAI)).isFalse(); // 08:45 Dubai
        assertThat(CallingWindow.TRAI_HOURS.nextOpening(Instant.parse("2025-06-02T04:45:00Z"), DUBAI))
                .isEqualTo(Instant.parse("2025-06-02T05:00:00Z"));
    }

    @Test
    void aWindowInsideTraiHoursIsAllowed() {
        assertThat(CallingWindow.refusals(LocalTime.of(9, 0), LocalTime.of(21, 0))).isEmpty();
        assertThat(CallingWindow.refusals(LocalTime.of(10, 30), LocalTime.of(13, 0))).isEmpty();
    }

    @Test
    void anOvernightWindowIsRefusedOnItsEnd() {
        assertThat(CallingWindow.refusals(LocalTime.of(21, 0), LocalTime.of(9, 0)))
                .singleElement().satisfies(r -> {
                    assertThat(r.onEnd()).isTrue();
                    assertThat(r.message()).contains("later than the start");
                });
    }

    @Test
    void anAllDayWindowIsRefusedOnBothEndsCitingTrai() {
        assertThat(CallingWindow.refusals(LocalTime.MIDNIGHT, LocalTime.of(23, 59)))
                .extracting(CallingWindow.Refusal::onEnd, CallingWindow.Refusal::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, "must be between 09:00 and 21:00; TRAI allows commercial calls only from 09:00 to 21:00"),
                        org.assertj.core.groups.Tuple.tuple(true, "must be between 09:00 and 21:00; TRAI allows commercial calls only from 09:00 to 21:00"));
    }

    @Test
    void startAndEndEqualIsRefused() {
        assertThat(CallingWindow.refusals(LocalTime.NOON, LocalTime.NOON)).singleElement()
                .satisfies(r -> assertThat(r.onEnd()).isTrue());
    }

    @Test
    void aStoredAllDayWindowIsClampedToTraiHoursInIndia() {
        CallingWindow legacy = new CallingWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        Instant fiveOhOne = Instant.parse("2025-06-01T23:31:00Z"); // 05:01 IST
        assertThat(legacy.nextAllowed(fiveOhOne, IST)).contains(Instant.parse("2025-06-02T03:30:00Z"));
        Instant noon = Instant.parse("2025-06-02T06:30:00Z");
        assertThat(legacy.nextAllowed(noon, IST)).contains(noon);
    }

    @Test
    void aLeadElsewhereIsCalledOnlyWhenItsWindowAndIndiasHoursAreBothOpen() {
        // 09:00–21:00 Dubai is 10:30–22:30 IST: the call waits from 21:00 IST to 10:30 IST
        Instant ninePmIst = Instant.parse("2025-06-02T15:30:00Z"); // 19:30 Dubai
        assertThat(CallingWindow.TRAI_HOURS.nextAllowed(ninePmIst, DUBAI)).contains(Instant.parse("2025-06-03T05:00:00Z"));
    }

    @Test
    void aStoredWindowThatNeverMeetsTraiHoursHasNoAllowedMoment() {
        CallingWindow overnight = new CallingWindow(LocalTime.of(21, 0), LocalTime.of(9, 0));
        assertThat(overnight.nextAllowed(Instant.parse("2025-06-02T17:30:00Z"), IST)).isEmpty();
    }

    @Test
    void equalStartAndEndStoredBeforeTheRuleMeansAllDay() {
        CallingWindow always = new CallingWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertThat(always.isOpen(Instant.parse("2025-06-02T22:00:00Z"), IST)).isTrue();
    }

    @Test
    void aCampaignsWindowIsReadInTheCampaignsZoneWhateverZoneALeadHas() {
        Instant quarterPastTwoInNewYork = Instant.parse("2026-12-05T07:16:00Z"); // 12:46 IST
        assertThat(CallingWindow.TRAI_HOURS.nextAllowed(quarterPastTwoInNewYork, ZoneId.of("America/New_York"), IST))
                .contains(Instant.parse("2026-12-05T14:00:00Z")); // 09:00 New York, 19:30 IST
    }

    @Test
    void aLeadWhoseOwnZoneIsElsewhereIsCalledOnlyFromNineToNineThere() {
        Instant quarterPastNineIst = Instant.parse("2025-06-02T03:45:00Z"); // 07:45 Dubai
        assertThat(CallingWindow.TRAI_HOURS.nextAllowed(quarterPastNineIst, IST, DUBAI))
                .contains(Instant.parse("2025-06-02T05:00:00Z")); // 09:00 Dubai, 10:30 IST
    }

    @Test
    void theAgentPromisesACallbackWhenTheDialerWillPlaceIt() {
        // CallbackHours (what the agent books and says) and nextAllowed (what the dialer does) are two places for one
        // rule, kept apart by the package layering: over three days in 5-minute steps they must agree
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        record Case(LocalTime start, LocalTime end, ZoneId campaignZone, ZoneId leadZone) {
        }
        for (Case c : java.util.List.of(new Case(LocalTime.of(9, 0), LocalTime.of(21, 0), kolkata, kolkata),
                new Case(LocalTime.of(10, 0), LocalTime.of(18, 0), kolkata, kolkata),
                new Case(LocalTime.of(11, 0), LocalTime.of(20, 0), ZoneId.of("Asia/Dubai"), kolkata),
                new Case(LocalTime.of(9, 0), LocalTime.of(21, 0), kolkata, ZoneId.of("Asia/Dubai")))) {
            dev.vaani.conversation.CallbackHours agent =
                    new dev.vaani.conversation.CallbackHours(c.start(), c.end(), c.campaignZone());
            CallingWindow dialer = new CallingWindow(c.start(), c.end());
            for (Instant asked = Instant.parse("2026-06-10T00:00:00Z");
                 asked.isBefore(Instant.parse("2026-06-13T00:00:00Z")); asked = asked.plusSeconds(300)) {
                Instant promised = agent.earliestFrom(asked.atOffset(java.time.ZoneOffset.UTC), c.leadZone()).toInstant();
                assertThat(promised).as("%s asked at %s", c, asked)
                        .isEqualTo(dialer.nextAllowed(asked, c.campaignZone(), c.leadZone()).orElseThrow());
            }
        }
    }
}
