package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.ScheduleCallback;
import dev.vaani.conversation.HandOver;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A day the caller says they are not free is never the day booked: the agent books the day they name instead, or asks
 * when, and a call back it settles on itself skips that day. At Wednesday 10 June 2026, 14:30 in Kolkata.
 */
class DayNotFreeTest {

    @Test
    void notFreeTomorrowAloneIsAskedWhenNotBookedTomorrow() {
        var call = CallDriver.hinglish();
        call.greet();

        var reply = call.say("main kal free nahi hoon");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(reply.text()).contains("kab call karun");
    }

    @Test
    void theDayNamedInsteadIsTheOneBooked() {
        var call = CallDriver.hinglish();
        call.greet();

        var reply = call.say("kal busy hoon, parso call karna");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-12T11:00+05:30"));
    }

    @Test
    void aDayRuledOutWhenAskedWhenIsNotBooked() {
        var call = CallDriver.english();
        call.greet();
        call.say("call me later");

        var reply = call.say("tomorrow I can't");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(reply.text()).doesNotContain("tomorrow");
    }

    @Test
    void aTimeOfDayGivenAfterADayRuledOutFallsOnAnotherDay() {
        var call = CallDriver.english();
        call.greet();
        call.say("call me later");
        call.say("not tomorrow");

        var reply = call.say("in the morning");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-12T10:00+05:30"));
    }

    @Test
    void theCallBackSettledOnWithoutATimeSkipsTheDayRuledOut() {
        var call = new CallDriver(CallDriver.hinglishScript(), "Rahul Verma", Map.of(), HandOver.CONNECT_NOW);
        call.greet();
        call.say("baad mein call karna");
        call.say("kal nahi ho payega");

        var reply = call.say("pata nahi");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-12T11:00+05:30"));
    }

    @Test
    void heldOutMainParsoBusyHoonIsNotBookedTheDayAfterTomorrow() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("baad mein call karna");

        var reply = call.say("parso main busy rahungi, uske baad kabhi bhi");

        assertThat(reply.actions(ScheduleCallback.class)).allSatisfy(booked ->
                assertThat(booked.when().toLocalDate()).isNotEqualTo(java.time.LocalDate.of(2026, 6, 12)));
    }

    @Test
    void theCallerMayStillChooseTheDayTheyRuledOut() {
        var call = CallDriver.english();
        call.greet();
        call.say("call me later");
        call.say("not tomorrow");

        var reply = call.say("actually tomorrow at 5 pm is fine");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-11T17:00+05:30"));
    }

    /** Held out until 2026-12-07, read wrong then ("meetings" was no word of being busy), now read. */
    @Test
    void meetingsTheWholeOfTomorrowIsAskedWhen() {
        var call = CallDriver.english();
        call.greet();

        var reply = call.say("sorry, I have meetings the whole of tomorrow");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
    }

    @Test
    void awayTomorrowWhenAskedWhenIsNotBookedTomorrow() {
        var call = CallDriver.english();
        call.greet();
        call.say("call me later");

        var reply = call.say("I'm travelling tomorrow");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(reply.text()).doesNotContain("tomorrow");
    }

    @Test
    void awayTomorrowInDevanagariIsNotBookedTomorrow() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("baad mein call karna");

        var reply = call.say("कल मैं पुणे जा रहा हूँ");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
    }

    @Test
    void awayTomorrowWhenGreetedIsNotBookedTomorrow() {
        var call = CallDriver.hinglish();
        call.greet();

        var reply = call.say("kal shehar se bahar hoon");

        assertThat(reply.actions(ScheduleCallback.class)).allSatisfy(booked ->
                assertThat(booked.when().toLocalDate()).isNotEqualTo(java.time.LocalDate.of(2026, 6, 11)));
    }

    @Test
    void awayTomorrowWithTheDayAfterAskedForIsBookedTheDayAfter() {
        var call = CallDriver.hinglish();
        call.greet();

        var reply = call.say("kal main Pune ja raha hoon, parson call karna");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-12T11:00+05:30"));
    }
}
