package dev.vaani.conversation.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.conversation.AgentAction.ScheduleCallback;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A time of day the caller ruled out in one turn ("shaam ko mat karna", "not in the morning please") is never booked in
 * a later one, unless the caller then asks for that very time. At Wednesday 10 June 2026, 14:30 in Kolkata.
 */
class TimeOfDayRuledOutTest {

    private static final LocalTime EVENING_STARTS = LocalTime.of(17, 0);

    private static CallDriver askedWhenToCallBack() {
        var call = CallDriver.hinglish();
        call.greet();
        call.say("baad mein call karna");
        return call;
    }

    @ParameterizedTest(name = "\"{0}\", then \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            shaam ko mat karna         | teen ghante baad call karna
            not in the evening please  | call me in three hours
            शाम को नहीं                  | तीन घंटे बाद कॉल करना
            shaam ko mat karna         | kal call karna
            not in the evening please  | call me tomorrow
            """)
    void theEveningRuledOutEarlierIsNotBooked(String ruledOut, String askedLater) {
        var call = askedWhenToCallBack();
        call.say(ruledOut);

        var reply = call.say(askedLater);

        assertThat(reply.action(ScheduleCallback.class).when().toLocalTime()).isBefore(EVENING_STARTS);
    }

    @Test
    void theMorningRuledOutEarlierMovesTomorrowsCallToNoon() {
        var call = askedWhenToCallBack();
        call.say("not in the morning please");

        var reply = call.say("call me tomorrow");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-11T12:00+05:30"));
    }

    @Test
    void theCallerMayStillAskForTheTimeOfDayTheyRuledOut() {
        var call = askedWhenToCallBack();
        call.say("shaam ko mat karna");

        var reply = call.say("ok, shaam ko hi karna");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-10T18:00+05:30"));
    }

    @Test
    void theAskAgainDoesNotOfferATimeOfDayRuledOut() {
        var call = askedWhenToCallBack();

        var reply = call.say("shaam ko mat karna");

        assertThat(reply.actions(ScheduleCallback.class)).isEmpty();
        assertThat(reply.text()).doesNotContain("shaam");
    }

    @Test
    void theCallBackSettledOnWithoutATimeKeepsOutOfTheMorningRuledOut() {
        var call = askedWhenToCallBack();
        call.say("subah mat karna");

        var reply = call.say("pata nahi");

        assertThat(reply.action(ScheduleCallback.class).when())
                .isEqualTo(OffsetDateTime.parse("2026-06-11T12:00+05:30"));
    }
}
