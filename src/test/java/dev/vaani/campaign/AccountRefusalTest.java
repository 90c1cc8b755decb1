package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Exotel refusing the account (401 token, 402 balance, 403 suspended, 404 account SID) is not the lead's doing: no lead
 * fails, no attempt is spent, every campaign pauses with the reason; a refusal naming the number fails only that lead.
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated("a refusal pauses every active campaign in the database, as on one Exotel account: another test's campaign "
        + "running meanwhile would be paused under it")
class AccountRefusalTest extends VaaniIntegrationTest {

    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2025-06-02T06:00:00Z");

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired Dialer dialer;
    @Autowired MeterRegistry meters;
    @Autowired InvalidRequests invalidRequests;

    @BeforeEach
    @AfterEach
    void noRefusalsInARow() {
        invalidRequests.placed(); // as a call placed just before: refusals of other tests' numbers do not count here
    }

    /** Exotel's documented error body: {"RestException":{"Status":..,"Message":..}}. */
    private static void exotelAnswers(int status, String message) {
        exotel.stubFor(post(EXOTEL_CONNECT).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"RestException\":{\"Status\":%d,\"Message\":\"%s\",\"Code\":%d}}"
                        .formatted(status, message, status))));
    }

    private Campaign startedWithLeads(int leads) {
        Campaign campaign = campaigns.create(new CampaignRequest("Account refusal " + UUID.randomUUID(), null, null,
                null, LocalTime.of(9, 0), LocalTime.of(21, 0), null, 5, 3, 120, false));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < leads; i++) {
            ids.add(insertLead("Lead " + i, uniquePhone()));
        }
        campaigns.attach(campaign.id(), ids);
        runner.start(campaign.id());
        return campaign;
    }

    private List<Long> attempts(long campaignId) {
        return jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? ORDER BY id").param(campaignId)
                .query(Long.class).list();
    }

    private Map<String, Object> attempt(long id) {
        return jdbc.sql("SELECT state, attempt, last_error FROM scheduled_calls WHERE id = ?").param(id).query()
                .singleRow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "401, Authentication failed, BAD_CREDENTIALS",
            "402, Insufficient balance. Please recharge your account., PAYMENT_REQUIRED",
            "403, Account suspended, FEATURE_NOT_ENABLED",
            "404, Account not found, NOT_FOUND"})
    void anAccountRefusalFailsNoLeadAndPausesEveryCampaignWithTheReason(int status, String message, String reason,
                                                                        CapturedOutput output) {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign refused = startedWithLeads(3);
        Campaign other = startedWithLeads(1);
        exotelAnswers(status, message);
        double before = meters.counter("vaani.dialer.account.refusals", "reason", reason).count();
        long first = attempts(refused.id()).getFirst();

        assertThat(dialer.attempt(first)).isInstanceOf(DialDecision.Done.class);
        // the campaign's other leads, whose executions were already due: the campaign is paused, nobody is dialled
        attempts(refused.id()).stream().skip(1).forEach(dialer::attempt);
        attempts(other.id()).forEach(dialer::attempt);

        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).hasSize(1);
        assertThat(attempt(first)).containsEntry("state", "pending").containsEntry("attempt", 1);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id IN (?, ?) AND state <> 'pending'")
                .params(refused.id(), other.id()).query(Integer.class).single()).isZero();
        for (Campaign campaign : List.of(refused, other)) {
            Campaign now = campaigns.find(campaign.id()).orElseThrow();
            assertThat(now.status()).isEqualTo("paused");
            assertThat(now.pausedReason()).contains("(" + status + ")");
            assertThat(runner.progress(now).failed()).isZero();
        }
        assertThat(meters.counter("vaani.dialer.account.refusals", "reason", reason).count()).isEqualTo(before + 1);
        assertThat(output.getAll().lines().filter(line -> line.contains("Exotel refused the account, so no call"))
                .count()).isEqualTo(1);
    }

    @Test
    void startingAgainOnceTheAccountIsFixedDialsTheSameAttempt() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(1);
        exotelAnswers(402, "Insufficient balance");
        long id = attempts(campaign.id()).getFirst();
        dialer.attempt(id);
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo("paused");

        exotel.resetAll();
        exotelPlacesCalls(); // the broker tops up
        runner.start(campaign.id());
        assertThat(campaigns.find(campaign.id()).orElseThrow().pausedReason()).isNull();
        dialer.attempt(id);

        assertThat(attempt(id)).containsEntry("state", "placed").containsEntry("attempt", 1);
        assertThat(attempts(campaign.id())).containsExactly(id);
    }

    @Test
    void theReasonIsInTheCampaignsApi() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(1);
        exotelAnswers(401, "Authentication failed");
        dialer.attempt(attempts(campaign.id()).getFirst());

        Map<?, ?> shown = api().get().uri("/api/campaigns/{id}", campaign.id()).retrieve().body(Map.class);

        assertThat(shown.get("status")).isEqualTo("paused");
        assertThat((String) shown.get("pausedReason")).contains("401").contains("EXOTEL_API_TOKEN");
    }

    @Test
    void aCallRefusedAsInvalidIsHeldUnspentAndFailsWhenRefusedAgainWhileOthersArePlaced() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(2);
        List<Long> ids = attempts(campaign.id());
        exotelAnswers(400, "Invalid To number");

        assertThat(dialer.attempt(ids.get(0))).isEqualTo(
                new DialDecision.RunAt(HALF_PAST_ELEVEN_IST.plus(InvalidRequests.RECHECK)));
        assertThat(attempt(ids.get(0))).containsEntry("state", "pending").containsEntry("attempt", 1)
                .satisfies(row -> assertThat((String) row.get("last_error")).contains("Invalid To number"));

        exotel.resetAll();
        exotelPlacesCalls();
        dialer.attempt(ids.get(1)); // Exotel takes our request for another number: the refusal was the number's
        exotel.resetAll();
        exotelAnswers(400, "Invalid To number");
        clock.pin(HALF_PAST_ELEVEN_IST.plus(InvalidRequests.RECHECK));
        assertThat(dialer.attempt(ids.get(0))).isInstanceOf(DialDecision.Done.class);

        assertThat(attempt(ids.get(0))).containsEntry("state", "failed")
                .satisfies(row -> assertThat((String) row.get("last_error")).contains("Invalid To number"));
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void callsToThreeNumbersRefusedAsInvalidInARowPauseEveryCampaignAndSpendNoAttempt(CapturedOutput output) {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign refused = startedWithLeads(3);
        Campaign other = startedWithLeads(1);
        exotelAnswers(400, "CallerId is not a valid ExoPhone of this account");

        attempts(refused.id()).forEach(dialer::attempt);
        attempts(other.id()).forEach(dialer::attempt);

        assertThat(exotel.findAll(postRequestedFor(urlEqualTo(EXOTEL_CONNECT)))).hasSize(3);
        for (long id : attempts(refused.id())) {
            assertThat(attempt(id)).containsEntry("state", "pending").containsEntry("attempt", 1);
        }
        for (Campaign campaign : List.of(refused, other)) {
            Campaign now = campaigns.find(campaign.id()).orElseThrow();
            assertThat(now.status()).isEqualTo("paused");
            assertThat(now.pausedReason()).contains("3 different numbers in a row").contains("EXOTEL_VIRTUAL_NUMBER")
                    .contains("CallerId is not a valid ExoPhone");
            assertThat(runner.progress(now).failed()).isZero();
        }
        assertThat(output.getAll().lines().filter(line -> line.contains("different numbers in a row")).count())
                .isEqualTo(1);
    }

    @Test
    void aCallPlacedBetweenRefusalsMakesThemTheNumbersNotTheRequest() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(4);
        List<Long> ids = attempts(campaign.id());
        exotelAnswers(400, "Invalid To number");
        dialer.attempt(ids.get(0));
        dialer.attempt(ids.get(1));
        exotel.resetAll();
        exotelPlacesCalls();
        dialer.attempt(ids.get(2));
        exotel.resetAll();
        exotelAnswers(400, "Invalid To number");
        dialer.attempt(ids.get(3));

        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo("active");
        assertThat(List.of(ids.get(0), ids.get(1), ids.get(3))).allSatisfy(id ->
                assertThat(attempt(id)).containsEntry("state", "pending").containsEntry("attempt", 1));
    }

    @Test
    void startingAgainOnceTheRequestIsFixedDialsTheHeldAttemptsAtOnce() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(3);
        exotelAnswers(400, "Invalid CallerId");
        attempts(campaign.id()).forEach(dialer::attempt);
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo("paused");

        exotel.resetAll();
        exotelPlacesCalls(); // the broker sets the right ExoPhone
        runner.start(campaign.id());
        attempts(campaign.id()).forEach(dialer::attempt);

        assertThat(attempts(campaign.id())).hasSize(3).allSatisfy(id ->
                assertThat(attempt(id)).containsEntry("state", "placed").containsEntry("attempt", 1));
    }

    @Test
    void aLeadWhoseNumberExotelRefusesIsUnreachableNotLeftQueued() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(1);
        exotelAnswers(403, "Number is on DND");
        long id = attempts(campaign.id()).getFirst();

        dialer.attempt(id);

        assertThat(jdbc.sql("SELECT l.status FROM leads l JOIN scheduled_calls s ON s.lead_id = l.id WHERE s.id = ?")
                .param(id).query(String.class).single()).isEqualTo("unreachable");
    }

    @Test
    void aNumberOnDndFailsOnlyThatLeadWhateverTheStatus() {
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = startedWithLeads(2);
        exotelAnswers(403, "Number is on DND");
        long id = attempts(campaign.id()).getFirst();

        dialer.attempt(id);

        assertThat(attempt(id)).containsEntry("state", "failed");
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo("active");
    }
}
