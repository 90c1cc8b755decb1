package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.call.CallMetrics;
import dev.vaani.call.CallRecordStore;
import dev.vaani.testing.VaaniIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A status callback that ends a call takes the call's next step in its own transaction, so no reconciler (of this
 * instance or another) can find the call ended and undecided in between; a next step that fails rolls back alone,
 * never the status or the placed call it was taken for.
 */
class CallDecisionTransactionTest extends VaaniIntegrationTest {

    @Autowired JsonMapper json;
    @Autowired TransactionTemplate transactions;
    @Autowired CallMetrics metrics;
    @Autowired DataSource dataSource;
    @Autowired CallRecordStore store;

    private CallRecords withNextStep(ApplicationEventPublisher nextStep) {
        return new CallRecords(jdbc, json, nextStep, transactions, metrics);
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    private String placedCall(CallRecords records) {
        String sid = sid();
        String phone = uniquePhone();
        records.placed(sid, insertLead("Decided Once", phone), null, "+918047491899", phone);
        return sid;
    }

    /** The call's status as another connection sees it: what is committed. */
    private String committedStatus(String sid) {
        try (Connection other = dataSource.getConnection();
             PreparedStatement query = other.prepareStatement("SELECT status FROM call_sessions WHERE call_sid = ?")) {
            query.setString(1, sid);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String sid) {
        return jdbc.sql("SELECT status FROM call_sessions WHERE call_sid = ?").param(sid).query(String.class).single();
    }

    private boolean decided(String sid) {
        return jdbc.sql("SELECT next_step_decided_at IS NOT NULL FROM call_sessions WHERE call_sid = ?").param(sid)
                .query(Boolean.class).single();
    }

    private void awaitDecided(String sid) {
        await().atMost(Duration.ofSeconds(20)).until(() -> decided(sid));
    }

    @Test
    void theTerminalStatusIsNotCommittedBeforeTheNextStepIsTaken() {
        List<String> committedWhileDeciding = new ArrayList<>();
        CallRecords records = withNextStep(event -> {
            if (event instanceof CallEnded ended) {
                committedWhileDeciding.add(committedStatus(ended.callSid()));
            }
        });
        String sid = placedCall(records);

        records.apply(new CallStatusUpdate(sid, "no-answer", null, null, null, null), Map.of());

        assertThat(committedWhileDeciding).as("what a reconciler could see while the next step was taken")
                .containsExactly("initiated");
    }

    @Test
    void aFailingNextStepKeepsTheStatusAndIsTakenAgainLater() {
        CallRecords records = withNextStep(event -> {
            if (event instanceof CallEnded) {
                throw new IllegalStateException("the next step's listener failed");
            }
        });
        String sid = placedCall(records);

        CallRecords.Applied applied = records.apply(new CallStatusUpdate(sid, "busy", null, null, null, null), Map.of());

        assertThat(applied).isEqualTo(CallRecords.Applied.UPDATED);
        assertThat(status(sid)).isEqualTo("busy");
        awaitDecided(sid); // by the reconciler, with the application's own listeners
    }

    @Test
    void aPlacedCallWhoseEarlyTerminalCallbackCannotBeDecidedYetIsStillRecorded() {
        String sid = sid();
        String phone = uniquePhone();
        long lead = insertLead("Early Callback", phone);
        CallRecords failing = withNextStep(event -> {
            if (event instanceof CallEnded) {
                throw new IllegalStateException("the next step's listener failed");
            }
        });
        // Exotel's terminal callback overtook the placement's commit: it is kept, and applied when the row is recorded
        failing.apply(new CallStatusUpdate(sid, "failed", null, null, null, null), Map.of());

        failing.placed(sid, lead, null, "+918047491899", phone);

        assertThat(status(sid)).isEqualTo("failed");
        awaitDecided(sid);
    }

    @Test
    void storingTheEndOfACallThatWaitsForNoCarrierTakesItsNextStepWithIt() {
        String sid = sid();
        String phone = uniquePhone();
        long lead = insertLead("Called In", phone);
        store.started(new CallRecordStore.RowStart(sid, "MZ" + sid, lead, null, "inbound", phone, "+918047491899",
                8000, Instant.now(), null));

        store.write(new CallRecordStore.Snapshot(sid, lead, 1, "ENDED", Map.of(), false, "qualified", null, false,
                List.of(), new CallRecordStore.End("completed", "caller-hangup", Instant.now(), null, List.of())));

        assertThat(decided(sid)).as("decided as the end was stored, not left for a reconciler").isTrue();
    }
}
