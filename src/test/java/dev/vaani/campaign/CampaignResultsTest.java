package dev.vaani.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.call.CallRecordStore;
import dev.vaani.crm.CallRecords;
import dev.vaani.crm.CallStatusUpdate;
import dev.vaani.testing.VaaniIntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's results and progress count only its own calls, though a lead may belong to several campaigns
 * (imported into each, matched by phone); results.csv opens in Excel with Devanagari intact and ISO-8601 times in the
 * campaign's time zone.
 */
class CampaignResultsTest extends VaaniIntegrationTest {

    private static final Instant HALF_PAST_ELEVEN_IST = Instant.parse("2026-12-04T06:00:00Z");

    @Autowired Campaigns campaigns;
    @Autowired CampaignRunner runner;
    @Autowired CampaignResults results;
    @Autowired Dialer dialer;
    @Autowired CallRecords callRecords;
    @Autowired CallRecordStore callStore;
    @Autowired DataSource dataSource;

    private Campaign campaign(List<Long> leads) {
        Campaign campaign = campaigns.create(new CampaignRequest("Results " + UUID.randomUUID(), null, null, null,
                LocalTime.of(9, 0), LocalTime.of(21, 0), null, 50, 3, 120, false));
        campaigns.attach(campaign.id(), leads);
        return campaign;
    }

    /** The started campaign places its first call to the lead; returns the call's sid. */
    private String firstCallPlaced(Campaign campaign, long lead) {
        long attempt = jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Long.class).single();
        dialer.attempt(attempt);
        return jdbc.sql("SELECT call_sid FROM scheduled_calls WHERE id = ?").param(attempt).query(String.class).single();
    }

    /** A call of the lead's, at 11:30 in India, answered, ends after {@code seconds} with what the agent heard. */
    private void ends(String sid, long lead, int seconds, String outcome, Map<String, Object> collected,
                      boolean doNotCall) {
        callStore.write(new CallRecordStore.Snapshot(sid, lead, 1, "ENDED", collected, false, outcome, null, doNotCall,
                List.of(), new CallRecordStore.End("completed", "callended", HALF_PAST_ELEVEN_IST.plusSeconds(seconds),
                        null, List.of())));
        callRecords.apply(new CallStatusUpdate(sid, "completed", null, null, seconds, null), Map.of());
    }

    /** The lead's first call in the campaign is placed and answered, and qualifies the lead. */
    private String qualifies(Campaign campaign, long lead) {
        String sid = firstCallPlaced(campaign, lead);
        jdbc.sql("UPDATE call_sessions SET final_outcome = 'qualified', answered_at = ? WHERE call_sid = ?")
                .params(java.sql.Timestamp.from(Instant.parse("2026-12-04T06:00:07Z")), sid).update();
        callRecords.apply(new CallStatusUpdate(sid, "completed", null, null, 60, null), Map.of());
        return sid;
    }

    @Test
    void aLeadWhoAskedOnTheCallNotToBeCalledAgainIsListedAsDoNotCall() throws Exception {
        exotelPlacesCalls();
        long lead = insertLead("Rajesh Kumar", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = campaign(List.of(lead));
        runner.start(campaign.id());
        String sid = firstCallPlaced(campaign, lead);

        ends(sid, lead, 20, "not_interested", Map.of(), true);

        CSVRecord row = records(results.csv(campaign.id())).getFirst();
        assertThat(row.get("lead_status")).isEqualTo("do-not-call");
        assertThat(row.get("outcome")).isEqualTo("not_interested");
    }

    @Test
    void eachLeadsRowHasTheBrokersFieldsBesideWhatTheCallCollected() throws Exception {
        long lead = insertLead("Vijay", uniquePhone());
        jdbc.sql("""
                UPDATE leads SET property_type = '2BHK', location = 'Mumbai', budget = '80L' WHERE id = ?""")
                .param(lead).update();
        Campaign campaign = campaign(List.of(lead));

        CSVRecord row = records(results.csv(campaign.id())).getFirst();

        assertThat(List.of(row.get("property_type"), row.get("location"), row.get("budget")))
                .containsExactly("2BHK", "Mumbai", "80L");
        assertThat(row.get("collected_data")).isEmpty();
    }

    /**
     * A stop cancels the call back a lead booked on their call: the lead was called all the same, so it reads what
     * that call left; "cancelled" is for a lead the stop kept from being called at all.
     */
    @Test
    void aLeadCalledBeforeTheStopCancelledItsCallBackReadsWhatItsCallLeftNotCancelled() throws Exception {
        exotelPlacesCalls();
        long called = insertLead("Call Back Booked", uniquePhone());
        long neverCalled = insertLead("Never Called", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = campaign(List.of(called, neverCalled));
        runner.start(campaign.id());
        ends(firstCallPlaced(campaign, called), called, 30, "callback", Map.of(), false);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ? AND state = 'pending'")
                .params(campaign.id(), called).query(Integer.class).single()).as("the call back queued").isOne();

        runner.stop(campaign.id());

        Map<String, String> status = new java.util.HashMap<>();
        records(results.csv(campaign.id())).forEach(row -> status.put(row.get("name"), row.get("lead_status")));
        assertThat(status).containsEntry("Call Back Booked", "done").containsEntry("Never Called", "cancelled");
        CampaignRunner.Progress progress = runner.progress(campaigns.find(campaign.id()).orElseThrow());
        assertThat(progress.done()).isOne();
        assertThat(progress.cancelled()).isOne();
    }

    @Test
    void whatTheCallCollectedIsAlsoWrittenInWordsForASpreadsheet() throws Exception {
        exotelPlacesCalls();
        long lead = insertLead("Meera", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = campaign(List.of(lead));
        runner.start(campaign.id());

        ends(firstCallPlaced(campaign, lead), lead, 60, "qualified", Map.of("property_type", "apartment",
                "bedrooms", 2, "location", "Whitefield", "budget", "45 to 55 lakh", "budget_min_rupees", 4_500_000,
                "budget_max_rupees", 5_500_000, "timeline", "within_3_months", "covered_parking", "yes"), false);

        CSVRecord row = records(results.csv(campaign.id())).getFirst();
        assertThat(row.get("answers")).isEqualTo("Property type: apartment; Bedrooms: 2 BHK; Location: Whitefield; "
                + "Budget: ₹45–55 lakh; Timeline: within 3 months; Covered parking: yes");
        assertThat(row.get("collected_data")).contains("\"budget_min_rupees\": 4500000");
    }

    private static List<CSVRecord> records(String csv) throws Exception {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1))).getRecords();
    }

    /** Campaign 1 is started then stopped before dialling; campaign 2 calls the same two leads, who qualify. */
    private record TwoCampaigns(Campaign stopped, Campaign called, String firstSid) {
    }

    private TwoCampaigns sameLeadsInTwoCampaigns() {
        exotelPlacesCalls();
        List<Long> leads = List.of(insertLead("Priya", uniquePhone()), insertLead("राम शर्मा", uniquePhone()));
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign first = campaign(leads);
        runner.start(first.id());
        runner.stop(first.id());
        Campaign second = campaign(leads);
        runner.start(second.id());
        String sid = qualifies(second, leads.get(0));
        qualifies(second, leads.get(1));
        return new TwoCampaigns(campaigns.find(first.id()).orElseThrow(), campaigns.find(second.id()).orElseThrow(), sid);
    }

    @Test
    void aStoppedCampaignsResultsShowNoneOfAnotherCampaignsCalls() throws Exception {
        TwoCampaigns two = sameLeadsInTwoCampaigns();

        List<CSVRecord> rows = records(results.csv(two.stopped().id()));

        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("lead_status")).isEqualTo("cancelled");
            assertThat(row.get("attempts")).isEqualTo("0");
            assertThat(row.get("call_sid")).isEmpty();
            assertThat(row.get("outcome")).isEmpty();
        });
    }

    @Test
    void theCampaignThatCalledShowsItsOwnCalls() throws Exception {
        TwoCampaigns two = sameLeadsInTwoCampaigns();

        List<CSVRecord> rows = records(results.csv(two.called().id()));

        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("lead_status")).isEqualTo("qualified");
            assertThat(row.get("attempts")).isEqualTo("1");
            assertThat(row.get("outcome")).isEqualTo("qualified");
        });
        assertThat(rows.getFirst().get("call_sid")).isEqualTo(two.firstSid());
    }

    @Test
    void cancelledQueuedCallsAreCountedAsCancelledNotFailed() {
        TwoCampaigns two = sameLeadsInTwoCampaigns();

        CampaignRunner.Progress progress = runner.progress(two.stopped());

        assertThat(progress.failed()).isZero();
        assertThat(progress.cancelled()).isEqualTo(2);
        assertThat(progress.qualified()).isZero();
        assertThat(runner.progress(two.called()).qualified()).isEqualTo(2);
    }

    @Test
    void answeredAtIsIso8601InIndianTimeWithItsOffsetByDefault() throws Exception {
        TwoCampaigns two = sameLeadsInTwoCampaigns();

        List<CSVRecord> rows = records(results.csv(two.called().id()));

        assertThat(rows.getFirst().get("answered_at")).isEqualTo("2026-12-04T11:30:07+05:30");
    }

    @Test
    void answeredAtIsWrittenToTheSecondAsEveryOtherTimeInTheFileIs() throws Exception {
        TwoCampaigns two = sameLeadsInTwoCampaigns();
        // the dialer's own record of an answered call keeps PostgreSQL's microseconds
        jdbc.sql("UPDATE call_sessions SET answered_at = answered_at + interval '0.141691 seconds' "
                + "WHERE campaign_id = ?").param(two.called().id()).update();

        List<CSVRecord> rows = records(results.csv(two.called().id()));

        assertThat(rows.getFirst().get("answered_at")).isEqualTo("2026-12-04T11:30:07+05:30");
    }

    @Test
    void answeredAtIsWrittenInTheCampaignsTimeZone() throws Exception {
        TwoCampaigns two = sameLeadsInTwoCampaigns();
        jdbc.sql("UPDATE campaigns SET time_zone = 'Asia/Dubai' WHERE id = ?").param(two.called().id()).update();

        List<CSVRecord> rows = records(results.csv(two.called().id()));

        assertThat(rows.getFirst().get("answered_at")).isEqualTo("2026-12-04T10:00:07+04:00");
    }

    @Test
    void theFileStartsWithAUtf8ByteOrderMarkSoExcelReadsDevanagari() {
        TwoCampaigns two = sameLeadsInTwoCampaigns();

        byte[] body = api().get().uri("/api/campaigns/{id}/results.csv", two.called().id()).retrieve().body(byte[].class);

        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("राम शर्मा");
    }

    @Test
    void aLeadPutOnDoNotCallAfterTheStartIsShownAsDoNotCallNotCancelled() throws Exception {
        long lead = insertLead("Opted Out Later", uniquePhone());
        clock.pin(HALF_PAST_ELEVEN_IST);
        Campaign campaign = campaign(List.of(lead));
        runner.start(campaign.id());
        jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE id = ?").param(lead).update();
        dialer.attempt(jdbc.sql("SELECT id FROM scheduled_calls WHERE campaign_id = ? AND lead_id = ?")
                .params(campaign.id(), lead).query(Long.class).single()); // cancels it: the lead is on do-not-call

        assertThat(records(results.csv(campaign.id()))).singleElement()
                .satisfies(row -> assertThat(row.get("lead_status")).isEqualTo("do-not-call"));
    }

    @Test
    void aCampaignOfFiveThousandLeadsIsStreamedAsItIsReadNotBuiltInMemoryFirst() throws Exception {
        Campaign campaign = campaign(List.of());
        String block = "+9196" + String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
        jdbc.sql("""
                WITH added AS (INSERT INTO leads (name, phone)
                               SELECT 'राहुल ' || g, ? || lpad(g::text, 4, '0') FROM generate_series(0, 4999) g
                               ON CONFLICT DO NOTHING RETURNING id)
                INSERT INTO campaign_leads (campaign_id, lead_id) SELECT ?, id FROM added""")
                .params(block, campaign.id()).update();
        int leads = jdbc.sql("SELECT count(*) FROM campaign_leads WHERE campaign_id = ?").param(campaign.id())
                .query(Integer.class).single();

        var response = api().get().uri("/api/campaigns/{id}/results.csv", campaign.id()).retrieve()
                .toEntity(byte[].class);

        assertThat(response.getHeaders().getContentLength()).as("sent as it is written, not measured first")
                .isEqualTo(-1);
        String file = new String(response.getBody(), StandardCharsets.UTF_8);
        assertThat(file).startsWith("\uFEFFlead_id,name,phone");
        List<CSVRecord> rows = records(file);
        assertThat(rows).hasSize(leads);
        assertThat(leads).isGreaterThan(4900);
        assertThat(rows.getFirst().get("name")).startsWith("राहुल ");
    }

    @Test
    void aCampaignLongerThanAPageListsEachOfItsLeadsOnceInLeadOrder() throws Exception {
        Campaign campaign = campaign(List.of());
        String block = "+9195" + String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
        jdbc.sql("""
                WITH added AS (INSERT INTO leads (name, phone)
                               SELECT 'Page lead ' || g, ? || lpad(g::text, 4, '0') FROM generate_series(0, ?) g
                               ON CONFLICT DO NOTHING RETURNING id)
                INSERT INTO campaign_leads (campaign_id, lead_id) SELECT ?, id FROM added""")
                .params(block, 2 * CampaignResults.ROWS_PER_PAGE, campaign.id()).update(); // two pages and one lead
        List<Long> leads = jdbc.sql("SELECT lead_id FROM campaign_leads WHERE campaign_id = ? ORDER BY lead_id")
                .param(campaign.id()).query(Long.class).list();

        List<Long> listed = records(results.csv(campaign.id())).stream().map(row -> Long.valueOf(row.get("lead_id")))
                .toList();

        assertThat(leads).hasSizeGreaterThan(2 * CampaignResults.ROWS_PER_PAGE - 50);
        assertThat(listed).isEqualTo(leads);
    }

    @Test
    void downloadsReadSlowlyHoldNoPooledConnectionSoOtherRequestsStillGetOne() throws Exception {
        Campaign campaign = campaign(List.of(insertLead("Slow Reader One", uniquePhone()),
                insertLead("Slow Reader Two", uniquePhone())));
        int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        CountDownLatch allReading = new CountDownLatch(poolSize);
        CountDownLatch readerResumes = new CountDownLatch(1);
        List<StalledReader> readers = java.util.stream.IntStream.range(0, poolSize)
                .mapToObj(i -> new StalledReader(allReading, readerResumes)).toList();
        try (ExecutorService downloads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = readers.stream()
                    .<Future<?>>map(reader -> downloads.submit(() -> results.write(campaign.id(), reader))).toList();
            try {
                assertThat(allReading.await(30, TimeUnit.SECONDS)).as("every download stalled in its first lead's row")
                        .isTrue();

                // as many stalled downloads as the pool has connections; a live call's query still gets one at once
                CompletableFuture<Long> query = CompletableFuture.supplyAsync(
                        () -> jdbc.sql("SELECT count(*) FROM campaigns").query(Long.class).single());
                assertThat(query.get(5, TimeUnit.SECONDS)).isPositive();
            } finally {
                readerResumes.countDown();
            }
            for (Future<?> download : running) {
                download.get(30, TimeUnit.SECONDS);
            }
        }
        String expected = results.csv(campaign.id());
        assertThat(readers).allSatisfy(reader -> assertThat(reader.text()).isEqualTo(expected));
    }

    /** A CRM on a slow link: it takes the header, then stops reading until told to go on. */
    private static final class StalledReader extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final CountDownLatch stalled;
        private final CountDownLatch resume;
        private boolean waited;

        StalledReader(CountDownLatch stalled, CountDownLatch resume) {
            this.stalled = stalled;
            this.resume = resume;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (!waited && text.indexOf("\r\n") >= 0) { // the header is read: the first lead's row waits
                waited = true;
                stalled.countDown();
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            text.append(chars, offset, length);
        }

        String text() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
