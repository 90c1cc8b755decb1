package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * PostgreSQL answers but refuses what the dialer asks (a constraint, a bug in a statement): the attempt looks again
 * later, as after an outage, but the log says the database refused it, at ERROR, with the SQL state and without the
 * refusal's text (which can quote a row's values), instead of claiming PostgreSQL did not answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class DialerRefusedStatementTest extends VaaniIntegrationTest {

    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2025-06-02T06:00:00Z");

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;

    private final String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropTheRefusal() {
        jdbc.sql("DROP TRIGGER IF EXISTS " + trigger + " ON scheduled_calls").update();
        jdbc.sql("DROP FUNCTION IF EXISTS " + trigger + "()").update();
    }

    /** PostgreSQL refuses every change to the queued call, as a check constraint would, naming a value of the row. */
    private void postgresRefusesChangesTo(long scheduledCallId) {
        jdbc.sql("""
                CREATE FUNCTION %s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'row (lead phone +919812345678) violates a check' USING ERRCODE = '23514'; END $$"""
                .formatted(trigger)).update();
        jdbc.sql("CREATE TRIGGER %s BEFORE UPDATE ON scheduled_calls FOR EACH ROW WHEN (OLD.id = %d) EXECUTE FUNCTION %s()"
                .formatted(trigger, scheduledCallId, trigger)).update();
    }

    @Test
    void aStatementPostgresRefusesIsLoggedAsRefusedNotAsAnOutageAndLookedAtAgain(CapturedOutput output) {
        exotelPlacesCalls("refused-");
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = campaigns.create(new CampaignRequest("Refused " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 5, 3, 120, false));
        long lead = insertLead("Refused Row", uniquePhone());
        campaigns.attach(campaign.id(), List.of(lead));
        runner.start(campaign.id());
        long call = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Long.class).single();
        postgresRefusesChangesTo(call);

        DialDecision decision = dialer.attempt(call);

        assertThat(decision).isEqualTo(new DialDecision.RunAt(HALF_PAST_ELEVEN_IST.plus(Dialer.DATABASE_RETRY)));
        String line = output.getAll().lines().filter(l -> l.contains("Scheduled call " + call + " not decided"))
                .findFirst().orElseThrow();
        assertThat(line).contains("ERROR").contains("PostgreSQL refused it").contains("23514")
                .doesNotContain("did not answer").doesNotContain("9812345678");
    }
}
