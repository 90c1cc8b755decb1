package dev.vaani.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.crm.CallEnded;
import dev.vaani.testing.VaaniIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The broker books the call back an inbound caller asked for: the number's lead (or a new one) joins the campaign, its
 * call queued for the time the caller gave, once per call, never as a second call to the same person.
 */
class InboundCallBackTest extends VaaniIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    @Autowired Campaigns campaigns;
    @Autowired CallerCalledIn callerCalledIn;
    @Autowired InboundCallBacks callBacks;

    /** Tomorrow 17:00 IST, always ahead of the real clock, so no test context's dialer places the call meanwhile. */
    private static OffsetDateTime fivePmTomorrow() {
        return LocalDate.now(INDIA).plusDays(1).atTime(LocalTime.of(17, 0)).atZone(INDIA).toOffsetDateTime();
    }

    private long campaign(String status) {
        long id = campaigns.create(new CampaignRequest("Call backs " + UUID.randomUUID(), null, null, null, null, null,
                null, 5, 3, 120, false)).id();
        jdbc.sql("UPDATE campaigns SET status = ? WHERE id = ?").params(status, id).update();
        return id;
    }

    private String inboundCall(String from, String collectedData, boolean ended) {
        String sid = "CAin" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, direction, status, from_number, to_number, started_at, answered_at,
                                           ended_at, final_outcome, collected_data)
                VALUES (?, 'inbound', ?, ?, '+918012345678', now() - interval '3 minutes', now() - interval '3 minutes',
                        ?, 'callback', CAST(? AS jsonb))""")
                .params(sid, ended ? "completed" : "in-progress", from,
                        ended ? Timestamp.from(Instant.now().minusSeconds(60)) : null, collectedData).update();
        return sid;
    }

    private static String askedFor(OffsetDateTime at) {
        return "{\"callback_at\":\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at) + "\"}";
    }

    private ResponseEntity<Map<String, Object>> book(String callSid, long campaignId, String name) {
        return api().post().uri("/api/calls/{sid}/call-back", callSid).contentType(MediaType.APPLICATION_JSON)
                .body(name == null ? Map.of("campaignId", campaignId) : Map.of("campaignId", campaignId, "name", name))
                .retrieve().toEntity(JSON);
    }

    private List<Map<String, Object>> queuedCalls(long campaignId, String phone) {
        return jdbc.sql("""
                SELECT s.id, s.kind, s.state, s.attempt, s.not_before, s.due_at FROM scheduled_calls s
                JOIN leads l ON l.id = s.lead_id WHERE s.campaign_id = ? AND l.phone = ?""")
                .params(campaignId, phone).query().listOfRows();
    }

    private Instant executionTime(Object scheduledCallId) {
        return jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'place-call' AND task_instance = ?")
                .param("sc-" + scheduledCallId).query(Timestamp.class).single().toInstant();
    }

    @Test
    void anUnknownCallerIsMadeALeadAndCalledBackAtTheTimeTheyAskedFor() {
        String phone = uniquePhone();
        long campaign = campaign("active");
        OffsetDateTime asked = fivePmTomorrow();
        String sid = inboundCall(phone, askedFor(asked), true);

        ResponseEntity<Map<String, Object>> booked = book(sid, campaign, "Ravi Kumar");

        assertThat(booked.getStatusCode().value()).isEqualTo(201);
        assertThat(booked.getBody()).containsEntry("leadCreated", true).containsEntry("movedQueuedCall", false)
                .doesNotContainValue(phone);
        assertThat(OffsetDateTime.parse((String) booked.getBody().get("callAt")).toInstant()).isEqualTo(asked.toInstant());
        Map<String, Object> lead = jdbc.sql("SELECT id, name, source, status FROM leads WHERE phone = ?").param(phone)
                .query().singleRow();
        assertThat(lead).containsEntry("name", "Ravi Kumar").containsEntry("source", "called in")
                .containsEntry("id", ((Number) booked.getBody().get("leadId")).longValue());
        List<Map<String, Object>> queued = queuedCalls(campaign, phone);
        assertThat(queued).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("kind", "callback").containsEntry("state", "pending")
                .containsEntry("not_before", Timestamp.from(asked.toInstant()))
                .containsEntry("due_at", Timestamp.from(asked.toInstant())));
        assertThat(executionTime(queued.getFirst().get("id"))).isEqualTo(asked.toInstant());
        assertThat(jdbc.sql("SELECT count(*) FROM campaign_leads WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign, lead.get("id")).query(Integer.class).single()).isOne();
    }

    @Test
    void aCallIsBookedOnceHoweverOftenTheButtonIsPressed() {
        String phone = uniquePhone();
        long campaign = campaign("active");
        String sid = inboundCall(phone, askedFor(fivePmTomorrow()), true);
        assertThat(book(sid, campaign, null).getStatusCode().value()).isEqualTo(201);

        ResponseEntity<Map<String, Object>> again = book(sid, campaign, null);

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat((String) again.getBody().get("detail")).contains("booked already");
        assertThat(queuedCalls(campaign, phone)).hasSize(1);
    }

    @Test
    void aLeadWithTheNumberIsCalledBackByMovingTheCallItHadQueuedNotByASecondCall() {
        String phone = uniquePhone();
        long lead = insertLead("Meena Existing", phone);
        long campaign = campaign("active");
        OffsetDateTime asked = fivePmTomorrow();
        // its first attempt queued for later still (a start would queue it for now, and a test context's dialer
        // might place it while this test looks)
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead).update();
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                VALUES (?, ?, ?, ?, 1, 'first')""").params(lead, campaign, Timestamp.from(asked.plusDays(1).toInstant()),
                Timestamp.from(asked.plusDays(1).toInstant())).update();
        String sid = inboundCall(phone, askedFor(asked), true);

        ResponseEntity<Map<String, Object>> booked = book(sid, campaign, "Someone Else");

        assertThat(booked.getStatusCode().value()).isEqualTo(201);
        assertThat(booked.getBody()).containsEntry("leadCreated", false).containsEntry("movedQueuedCall", true);
        assertThat(((Number) booked.getBody().get("leadId")).longValue()).isEqualTo(lead);
        assertThat(queuedCalls(campaign, phone)).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("kind", "callback").containsEntry("attempt", 1)
                .containsEntry("due_at", Timestamp.from(asked.toInstant())));
        assertThat(executionTime(queuedCalls(campaign, phone).getFirst().get("id"))).isEqualTo(asked.toInstant());
        assertThat(jdbc.sql("SELECT name FROM leads WHERE id = ?").param(lead).query(String.class).single())
                .as("the broker's lead keeps its name").isEqualTo("Meena Existing");
    }

    @Test
    void aCallerWhoGaveNoTimeIsCalledBackAsSoonAsTheCallingHoursAllow() {
        String phone = uniquePhone();
        long campaign = campaign("paused"); // its calls wait: nothing is dialled while the test looks
        String sid = inboundCall(phone, "{}", true);
        Instant before = Instant.now();

        ResponseEntity<Map<String, Object>> booked = book(sid, campaign, null);

        assertThat(booked.getStatusCode().value()).isEqualTo(201);
        Instant due = ((Timestamp) queuedCalls(campaign, phone).getFirst().get("due_at")).toInstant();
        Campaign stored = campaigns.find(campaign).orElseThrow();
        assertThat(due).isBetween(stored.dueFrom(before, null), stored.dueFrom(Instant.now(), null));
    }

    @Test
    void aLeadOnDoNotCallIsNotBookedUntilTheBrokerTurnsItOff() {
        String phone = uniquePhone();
        long lead = insertLead("Opted Out", phone);
        jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE id = ?").param(lead).update();
        long campaign = campaign("active");

        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, askedFor(fivePmTomorrow()), true), campaign, null);

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("do-not-call");
        assertThat(queuedCalls(campaign, phone)).isEmpty();
    }

    @Test
    void aCallStillOnIsNotBookedYet() {
        String phone = uniquePhone();
        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, "{}", false), campaign("active"), null);

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("still on");
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(phone).query(Integer.class).single()).isZero();
    }

    @Test
    void aWithheldNumberHasNothingToCallBack() {
        ResponseEntity<Map<String, Object>> booked = book(inboundCall(null, "{}", true), campaign("active"), null);

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("withheld");
    }

    @Test
    void aCampaignsOwnCallIsNotBookedThisWay() {
        String sid = inboundCall(uniquePhone(), "{}", true);
        jdbc.sql("UPDATE call_sessions SET direction = 'outbound' WHERE call_sid = ?").param(sid).update();

        assertThat(book(sid, campaign("active"), null).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void aStoppedCampaignCallsNoOneBack() {
        String phone = uniquePhone();
        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, "{}", true), campaign("stopped"), null);

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("stopped");
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(phone).query(Integer.class).single()).isZero();
    }

    @Test
    void aCampaignNotYetStartedCallsNoOneBack() {
        String phone = uniquePhone();
        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, "{}", true), campaign("draft"), null);

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("not been started");
    }

    @Test
    void anUnknownCallOrCampaignIsReportedAsSuch() {
        assertThat(book("CAnosuchcall", campaign("active"), null).getStatusCode().value()).isEqualTo(404);
        assertThat(book(inboundCall(uniquePhone(), "{}", true), Long.MAX_VALUE, null).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aNameOnMoreThanOneLineIsRefusedAndNothingBooked() {
        String phone = uniquePhone();
        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, "{}", true), campaign("active"),
                "Ravi\nKumar");

        assertThat(booked.getStatusCode().value()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(phone).query(Integer.class).single()).isZero();
    }

    /** A lead with its first or retry attempt queued in the campaign for the day after tomorrow. */
    private long leadQueuedIn(long campaign, String phone, String kind, int attempt) {
        long lead = insertLead("Queued Already", phone);
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead).update();
        Timestamp later = Timestamp.from(fivePmTomorrow().plusDays(1).toInstant());
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                VALUES (?, ?, ?, ?, ?, ?)""").params(lead, campaign, later, later, attempt, kind).update();
        return lead;
    }

    @Test
    void aQueuedRetryMovedToTheCallBackTimeBecomesACallBackThatCountsAsNoAttempt() {
        String phone = uniquePhone();
        long campaign = campaign("active");
        long lead = leadQueuedIn(campaign, phone, "retry", 2);
        OffsetDateTime asked = fivePmTomorrow();

        assertThat(book(inboundCall(phone, askedFor(asked), true), campaign, null).getStatusCode().value()).isEqualTo(201);

        assertThat(queuedCalls(campaign, phone)).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("kind", "callback").containsEntry("attempt", 2)
                .containsEntry("not_before", Timestamp.from(asked.toInstant())));
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND kind <> 'callback'")
                .params(campaign, lead).query(Integer.class).single()).as("attempts spent").isZero();
    }

    /** Another campaign's call, put off for the call back's old time, follows it to the new one. */
    @Test
    void aCallBackMovedEarlierReleasesTheCallAnotherCampaignPutOffForIt() {
        String phone = uniquePhone();
        long withCallBack = campaign("active");
        long other = campaign("active");
        long lead = leadQueuedIn(withCallBack, phone, "callback", 1);
        Instant oldCallBack = fivePmTomorrow().plusDays(1).toInstant();
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(other, lead).update();
        Timestamp putOff = Timestamp.from(oldCallBack.plus(Duration.ofMinutes(120))); // as the dialer put it off
        long othersCall = jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                VALUES (?, ?, now(), ?, 1, 'first') RETURNING id""").params(lead, other, putOff).query(Long.class).single();
        OffsetDateTime earlier = fivePmTomorrow();

        assertThat(book(inboundCall(phone, askedFor(earlier), true), withCallBack, null).getStatusCode().value())
                .isEqualTo(201);

        assertThat(jdbc.sql("SELECT due_at FROM scheduled_calls WHERE id = ?").param(othersCall)
                .query(Timestamp.class).single().toInstant())
                .isEqualTo(earlier.toInstant().plus(Duration.ofMinutes(120)));
    }

    @Test
    void aCallFromTheLeadAfterTheBookingDoesNotPushItsMovedCallBackLater() {
        String phone = uniquePhone();
        long campaign = campaign("active");
        leadQueuedIn(campaign, phone, "first", 1);
        // the caller asked for no time: called back as soon as may be, which a put-off would move
        OffsetDateTime asked = fivePmTomorrow().withHour(11).withMinute(30);
        clock.pin(asked.toInstant());
        assertThat(book(inboundCall(phone, "{}", true), campaign, null).getStatusCode().value()).isEqualTo(201);
        String again = inboundCall(phone, "{}", true); // the lead phones once more, about something else

        callerCalledIn.callEnded(new CallEnded(again, null, null, "completed", "not_interested"));

        assertThat(queuedCalls(campaign, phone)).singleElement().satisfies(call -> assertThat(call)
                .containsEntry("due_at", Timestamp.from(asked.toInstant())));
    }

    @Test
    void theCallPageStillSaysTheBookingMovedTheCallTheLeadHadQueued() {
        String phone = uniquePhone();
        long campaign = campaign("active");
        leadQueuedIn(campaign, phone, "first", 1);
        String sid = inboundCall(phone, askedFor(fivePmTomorrow()), true);
        book(sid, campaign, null);

        assertThat(callBacks.bookingOf(sid)).hasValueSatisfying(b -> assertThat(b.movedQueuedCall()).isTrue());
    }

    @Test
    void aCallerFromAbroadIsNotBookedSinceTheDialerCallsOnlyIndianNumbers() {
        String phone = "+14155550" + String.format("%03d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1000));

        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, askedFor(fivePmTomorrow()), true),
                campaign("active"), "Nri Caller");

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("only Indian (+91) numbers can be called")
                .doesNotContain(phone);
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(phone).query(Integer.class).single()).isZero();
    }

    @Test
    void aLeadWithANumberFromAbroadStoredBeforeTheRuleIsNotBookedEither() {
        String phone = "+4477009" + String.format("%05d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000));
        insertLead("Stored Before The Rule", phone);
        long campaign = campaign("active");

        ResponseEntity<Map<String, Object>> booked = book(inboundCall(phone, askedFor(fivePmTomorrow()), true), campaign, null);

        assertThat(booked.getStatusCode().value()).isEqualTo(409);
        assertThat((String) booked.getBody().get("detail")).contains("only Indian (+91) numbers can be called");
        assertThat(queuedCalls(campaign, phone)).isEmpty();
    }

    @Test
    void bookingNeedsTheAdminKey() {
        String sid = inboundCall(uniquePhone(), "{}", true);

        int status = anonymous().post().uri("/api/calls/{sid}/call-back", sid).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("campaignId", campaign("active"))).retrieve().toBodilessEntity().getStatusCode().value();

        assertThat(status).isEqualTo(401);
        assertThat(jdbc.sql("SELECT call_back_booked_as FROM call_sessions WHERE call_sid = ?").param(sid)
                .query(Long.class).optional()).isEmpty();
    }
}
