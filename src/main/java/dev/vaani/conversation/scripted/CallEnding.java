package dev.vaani.conversation.scripted;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.vaani.conversation.AgentAction;
import dev.vaani.conversation.CallOutcome;
import dev.vaani.conversation.CallbackHours;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.ConversationStage;
import dev.vaani.conversation.qualification.CallbackTimeParser;
import dev.vaani.conversation.qualification.TimeOfDayRuledOut;
import dev.vaani.conversation.scripted.CallProgress.Phase;

/**
 * Every way a scripted call finishes: a goodbye with an outcome, a transfer to a person, a booked callback, a forced
 * wrap-up. Keeps the outcome and operator summary once decided.
 */
final class CallEnding {

    private final CampaignScript script;
    private final SpeakingLanguage language;
    private final LeadFacts facts;
    private final CallProgress progress;
    private final Clock clock;
    private final ZoneId leadZone;
    private final CallbackHours callbackHours;
    private final dev.vaani.conversation.HandOver handOver;

    private boolean escalated;
    private CallOutcome outcome;
    private String summary;
    private boolean doNotCall;
    private String lastGoodbye;
    private int callbackAttempts;
    private AgentAction.ScheduleCallback callbackBooked;
    private final java.util.Set<java.time.LocalDate> daysRuledOut = new java.util.HashSet<>();
    private final java.util.Set<TimeOfDayRuledOut> timesOfDayRuledOut = new java.util.HashSet<>();

    CallEnding(CampaignScript script, SpeakingLanguage language, LeadFacts facts, CallProgress progress, Clock clock,
               ZoneId leadZone, CallbackHours callbackHours, dev.vaani.conversation.HandOver handOver) {
        this.handOver = handOver;
        this.callbackHours = callbackHours;
        this.script = script;
        this.language = language;
        this.facts = facts;
        this.progress = progress;
        this.clock = clock;
        this.leadZone = leadZone;
    }

    boolean escalated() {
        return escalated;
    }

    CallOutcome outcome() {
        return outcome;
    }

    String summary() {
        return summary;
    }

    /** The call back this call booked, null when it booked none. */
    AgentAction.ScheduleCallback callbackBooked() {
        return callbackBooked;
    }

    boolean doNotCall() {
        return doNotCall;
    }

    /** "Don't call me again": confirm it in the call's language and end; the lead goes on do-not-call. */
    void refuseFurtherCalls(Turn turn) {
        doNotCall = true;
        end(turn, CallOutcome.NOT_INTERESTED, language.phrases().doNotCall(), "Asked not to be called again.");
    }

    /** The caller confirmed what we collected: the campaign's closing line, qualified. */
    void closeQualified(Turn turn) {
        turn.say(language.closing(script.closing()));
        end(turn, CallOutcome.QUALIFIED, null, null);
    }

    void end(Turn turn, CallOutcome result, String line, String note) {
        if (line != null) {
            turn.say(line);
        }
        outcome = result;
        summary = LeadDescription.summary(facts.heard(), result, note);
        progress.enter(Phase.ENDED);
        lastGoodbye = line != null ? line : language.closing(script.closing());
        progress.moveTo(ConversationStage.ENDED, turn);
        turn.act(new AgentAction.EndCall(result, summary, doNotCall));
    }

    /** The line a caller hears if they speak while being handed over. */
    String whileHandingOver() {
        return HandOverLines.whileHandingOver(handOver, language.phrases());
    }

    void transfer(Turn turn, String reason) {
        escalated = true;
        outcome = CallOutcome.TRANSFERRED;
        summary = LeadDescription.summary(facts.heard(), outcome, reason);
        progress.enter(Phase.TRANSFERRING);
        turn.say(HandOverLines.handOver(handOver, language.phrases()));
        turn.act(new AgentAction.TransferToHuman(reason));
    }

    /**
     * "Call me later": book the time they gave, or ask for one (twice), then settle on tomorrow. A day they said they
     * are not free ("kal busy hoon", "not tomorrow") or a time of day they ruled out ("shaam ko mat karna") is never
     * booked, in this turn or a later one, unless a later turn asks for it again.
     */
    void callback(String text, Turn turn) {
        ZonedDateTime now = now();
        var when = CallbackTimeParser.parse(text, now, daysRuledOut, timesOfDayRuledOut,
                at -> callbackHours.earliestFrom(at.toOffsetDateTime(), leadZone).atZoneSameInstant(leadZone));
        daysRuledOut.addAll(CallbackTimeParser.daysRuledOut(text, now));
        timesOfDayRuledOut.addAll(CallbackTimeParser.timesOfDayRuledOut(text, now));
        if (when.isPresent()) {
            scheduleCallback(when.get(), now, turn);
        } else if (!progress.is(Phase.AWAITING_CALLBACK_TIME)) {
            progress.enter(Phase.AWAITING_CALLBACK_TIME);
            turn.ask(language.phrases().askCallbackTime());
        } else if (++callbackAttempts == 1) {
            // the second ask offers tomorrow morning or evening, which a caller not free tomorrow, or who ruled out
            // a time of day, may have turned down
            boolean offerRuledOut = daysRuledOut.contains(now.toLocalDate().plusDays(1))
                    || !timesOfDayRuledOut.isEmpty();
            Phrasebook phrases = language.phrases();
            turn.ask(offerRuledOut ? phrases.askCallbackTime() : phrases.askCallbackTimeAgain());
        } else {
            scheduleDefaultCallback(now, turn);
        }
    }

    /**
     * Another agent booked a call back before this one took the call over: confirm it (at the time it was booked for,
     * when collected data holds it) and end the call as a callback. Nothing is booked again.
     */
    void confirmBookedCallback(Turn turn) {
        OffsetDateTime when = null;
        if (facts.collected().get(AgentAction.ScheduleCallback.COLLECTED_KEY) instanceof String booked) {
            try {
                when = OffsetDateTime.parse(booked);
            } catch (java.time.format.DateTimeParseException e) {
                // not a time we can read back: close without saying when
            }
        }
        if (when == null) {
            end(turn, CallOutcome.CALLBACK, language.closing(script.closing()), "Callback requested.");
        } else {
            end(turn, CallOutcome.CALLBACK, language.phrases().callbackConfirmed()
                    .replace("{when}", LeadDescription.when(when, now(), language.phrases())), null);
        }
    }

    /** The call must end now: book the callback they were arranging, or close as far as we got. */
    void wrapUp(Turn turn) {
        if (progress.is(Phase.TRANSFERRING)) {
            return;
        }
        if (progress.is(Phase.CALLBACK_BOOKED)) {
            confirmBookedCallback(turn);
        } else if (progress.is(Phase.AWAITING_CALLBACK_TIME)) {
            scheduleDefaultCallback(now(), turn);
        } else if (facts.requiredKnown()) {
            end(turn, CallOutcome.QUALIFIED, language.phrases().wrapUpQualified(), null);
        } else {
            end(turn, CallOutcome.INCOMPLETE, language.phrases().wrapUpIncomplete(), "Call wrapped up before qualification finished.");
        }
    }

    /**
     * The caller spoke over our goodbye before it was all delivered, or before they heard any of it (the call then
     * does not hang up after our next reply): say goodbye once more, and end.
     */
    void repeatUnheardGoodbye(Turn turn, ScriptedReply lastReply, boolean heardNothing) {
        if (lastReply != null && (lastReply.cutShort() || heardNothing)
                && lastReply.actions().stream().anyMatch(a -> a instanceof AgentAction.EndCall)) {
            turn.say(lastGoodbye);
            turn.act(new AgentAction.EndCall(outcome, summary, doNotCall));
        }
    }

    // A time they never gave: tomorrow mid-morning (or the next day and hour they did not rule out) is easy to change
    private void scheduleDefaultCallback(ZonedDateTime now, Turn turn) {
        scheduleCallback(CallbackTimeParser.byDefault(now, daysRuledOut, timesOfDayRuledOut), now, turn);
    }

    private void scheduleCallback(OffsetDateTime asked, ZonedDateTime now, Turn turn) {
        // promised as the dialer will place it: "after two hours" at 20:45 is tomorrow morning, not 22:45
        OffsetDateTime when = callbackHours.earliestFrom(asked, leadZone);
        callbackBooked = new AgentAction.ScheduleCallback(when, "Caller asked to be called back.");
        turn.act(callbackBooked);
        end(turn, CallOutcome.CALLBACK,
                language.phrases().callbackConfirmed().replace("{when}", LeadDescription.when(when, now, language.phrases())),
                "Callback requested for " + when + ".");
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now(clock).withZoneSameInstant(leadZone);
    }
}
