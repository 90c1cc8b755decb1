package dev.vaani.call;

import dev.vaani.call.CallRecordStore.End;
import dev.vaani.call.CallRecordStore.Snapshot;
import dev.vaani.call.session.TranscriptLine;
import dev.vaani.conversation.ConversationState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call's state not yet in PostgreSQL, as {@link CallRecordWriter} holds it from the media stream's start until
 * its end is stored, with where its write stands. One per call is enough, not a queue of changes: every write is a
 * whole snapshot, so the newest supersedes all before it, and {@code version} against {@code written} says whether
 * anything is still unwritten. Guarded by its own monitor: the writer holds it for every read and change.
 */
final class PendingCallRecord {
    final String callSid;
    final Long leadId;
    long version;
    long written;
    String stage;
    final Map<String, Object> collected = new HashMap<>();
    boolean escalation;
    String outcome;
    String summary;
    boolean doNotCall;
    final List<TranscriptLine> transcript = new ArrayList<>();
    List<Map<String, Object>> turnMetrics = List.of();
    End end;
    Runnable afterEndWritten = () -> { };
    boolean scheduled;
    boolean writing;
    boolean outboxed;
    int failures;
    /** The row to create with the next write, until one lands; null when the row exists already. */
    CallRecordStore.RowStart rowStart;

    PendingCallRecord(String callSid, Long leadId) {
        this.callSid = callSid;
        this.leadId = leadId;
    }

    /** Takes in the conversation's state; {@code forcedOutcome} when the call set one itself. */
    void apply(ConversationState state, String forcedOutcome) {
        if (state.stage() != null) {
            stage = state.stage().name();
        }
        collected.putAll(state.collectedData());
        escalation = state.escalationRequested();
        String decided = state.outcome() != null ? state.outcome().code() : forcedOutcome;
        if (decided != null) {
            outcome = decided;
        }
        // once asked, it stays asked: a later state (a fallback's second engine) cannot take it back
        doNotCall |= state.doNotCall();
        if (state.summary() != null) {
            summary = state.summary();
        }
    }

    Snapshot snapshot() {
        return new Snapshot(callSid, leadId, version, stage, Map.copyOf(collected), escalation, outcome, summary,
                doNotCall, List.copyOf(transcript), turnMetrics, end, rowStart);
    }
}
