package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.ScheduleCallback;
import dev.vaani.conversation.CallbackHours;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.HandOver;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A callback is booked and promised when the dialer will place it: inside the campaign's calling hours. */
class CallbackWithinCallingHoursTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    /** Wednesday 10 June 2026, 20:45 in Kolkata: a quarter of an hour before TRAI's hours close. */
    private static final ZonedDateTime LATE_EVENING = ZonedDateTime.of(2026, 6, 10, 20, 45, 0, 0, KOLKATA);

    @Test
    void aCallbackAskedForAfterTheHoursCloseIsBookedAndPromisedForTheNextMorning() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK,
                LATE_EVENING, null);
        call.greet();

        var reply = call.say("I'm driving, call me after two hours");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T09:00+05:30"));
        assertThat(reply.text()).contains("I'll call you back tomorrow at 9 AM").doesNotContain("10:45");
    }

    @Test
    void aCampaignsNarrowerHoursAreTheOnesPromised() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK,
                LATE_EVENING.withHour(17), new CallbackHours(LocalTime.of(10, 0), LocalTime.of(18, 0), KOLKATA));
        call.greet();

        var reply = call.say("call me this evening");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T10:00+05:30"));
        assertThat(reply.text()).contains("tomorrow at 10 AM");
    }

    /** Wednesday 10 June 2026, 14:30 in Kolkata. */
    private static final ZonedDateTime AFTERNOON = LATE_EVENING.withHour(14).withMinute(30);
    private static final CallbackHours TEN_TO_ONE =
            new CallbackHours(LocalTime.of(10, 0), LocalTime.of(13, 0), KOLKATA);

    @Test
    void aCampaignsHoursNeverMoveTheCallIntoAnHourTheCallerRuledOut() {
        var call = new CallDriver(CallDriver.hinglishScript(), "Rahul Verma", Map.of(), HandOver.CALL_BACK,
                AFTERNOON, TEN_TO_ONE);
        call.greet();

        var reply = call.say("kal subah 9 baje call karna, 10 baje nahi");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-11T11:00+05:30"));
    }

    @Test
    void aPartOfDayRuledOutStaysRuledOutInsideACampaignsHours() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK,
                AFTERNOON, TEN_TO_ONE);
        call.greet();

        var reply = call.say("call me tomorrow, but not in the morning");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-11T12:00+05:30"));
    }

    @Test
    void whenTheCampaignCallsOnlyAtHoursTheCallerRuledOutTheAgentAsksWhen() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK,
                AFTERNOON, new CallbackHours(LocalTime.of(10, 0), LocalTime.of(12, 0), KOLKATA));
        call.greet();

        var reply = call.say("call me tomorrow, but not in the morning");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(reply.text()).contains("When would be a good time to call you back?");
    }

    @Test
    void aTimeInsideTheHoursIsBookedAsAsked() {
        var call = new CallDriver(CampaignScript.defaultRealEstate(), "Priya Sharma", Map.of(), HandOver.CALL_BACK,
                LATE_EVENING.withHour(11), null);
        call.greet();

        var reply = call.say("call me at 5 pm");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-10T17:00+05:30"));
    }

    @Test
    void inHindiTheLateAskIsPromisedForTomorrowMorningToo() {
        var call = new CallDriver(CallDriver.hinglishScript(), "Rahul Verma", Map.of(), HandOver.CALL_BACK,
                LATE_EVENING, null);
        call.greet();

        var reply = call.say("abhi busy hoon, do ghante baad call karna");

        assertThat(reply.action(ScheduleCallback.class).when()).isEqualTo(OffsetDateTime.parse("2026-06-11T09:00+05:30"));
    }
}
