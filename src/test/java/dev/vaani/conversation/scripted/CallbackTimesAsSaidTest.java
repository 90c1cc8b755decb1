package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.ScheduleCallback;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.HandOver;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The callback a caller's words book, through the scripted agent, on Wednesday 10 June 2026 at 14:00 in Kolkata. */
class CallbackTimesAsSaidTest {

    private static final ZonedDateTime TWO_PM = ZonedDateTime.of(2026, 6, 10, 14, 0, 0, 0, ZoneId.of("Asia/Kolkata"));

    private static CallDriver english() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK,
                TWO_PM, null);
        call.greet();
        return call;
    }

    private static CallDriver hinglish() {
        var call = new CallDriver(CallDriver.hinglishScript(), "Rahul Verma", Map.of(), HandOver.CALL_BACK, TWO_PM,
                null);
        call.greet();
        return call;
    }

    @Test
    void aDayTheCallerTurnsDownIsNotBooked() {
        var reply = hinglish().say("Sunday ko call mat karna");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
    }

    @Test
    void aPartOfDayTheCallerTurnsDownIsNotBooked() {
        var reply = english().say("please don't call me in the evening");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
    }

    @Test
    void anHourTheCallerRulesOutIsNotBooked() {
        var english = english().say("call me tomorrow, not at 9 am");
        var hinglish = hinglish().say("kal call karna, par 8 baje nahi");

        assertThat(english.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T11:00+05:30"));
        assertThat(hinglish.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T11:00+05:30"));
    }

    @Test
    void theTimeAfterARefusalOfTodayIsBooked() {
        var reply = hinglish().say("aaj mat karo, kal shaam ko call karna");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T18:00+05:30"));
    }

    @Test
    void aMinuteToHoldOnDoesNotOverrideTheTimeAskedFor() {
        var reply = hinglish().say("ek minute, main gaadi chala raha hoon, ek ghante baad call karo");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-10T15:00+05:30"));
    }

    @Test
    void aMinuteToHoldOnIsNoCallbackTime() {
        var reply = hinglish().say("ek minute, abhi busy hoon");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
    }

    @Test
    void aBareHourIsTheNextOneInsideCallingHours() {
        var eight = hinglish().say("8 baje call karna");
        var ten = hinglish().say("10 baje call karna");

        assertThat(eight.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-10T20:00+05:30"));
        assertThat(ten.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T10:00+05:30"));
    }

    /*
     * "Kal raat 12 baje" is the midnight at the end of tomorrow; no call may be placed then, and the first moment one
     * may is the morning after it, never the morning before the night the caller named.
     */
    @Test
    void midnightTomorrowNightIsBookedForTheMorningAfterIt() {
        var reply = hinglish().say("kal raat 12 baje call karna");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-12T09:00+05:30"));
    }

    @Test
    void hourWordsInDevanagariAreRead() {
        var fivePm = hinglish().say("कल शाम पांच बजे कॉल करना");
        var halfPastFive = hinglish().say("साढ़े पांच बजे कॉल करना");

        assertThat(fivePm.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T17:00+05:30"));
        assertThat(halfPastFive.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-10T17:30+05:30"));
    }

    @Test
    void todayWithoutATimeIsAnHourFromNowNotThisMorning() {
        var reply = hinglish().say("aaj call karna");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-10T15:00+05:30"));
    }

    @Test
    void thisEveningAskedInTheEveningIsLaterThisEvening() {
        var call = new CallDriver(CallDriver.hinglishScript(), "Rahul Verma", Map.of(), HandOver.CALL_BACK,
                TWO_PM.withHour(19).withMinute(30), null);
        call.greet();

        var reply = call.say("aaj shaam call karna");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-10T20:30+05:30"));
    }
}
