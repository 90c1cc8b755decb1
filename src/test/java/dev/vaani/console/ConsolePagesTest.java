package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vaani.campaign.Campaign;
import dev.vaani.campaign.CampaignRequest;
import dev.vaani.campaign.Campaigns;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The console's pages and forms, one behaviour each, through the real security chain and database. */
class ConsolePagesTest extends VaaniIntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Campaigns campaigns;

    MockMvc mvc;

    @BeforeEach
    void mockMvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    private Campaign campaign(String name) {
        return campaigns.create(new CampaignRequest(name, null, null, null, null, null, null, null, null, null, null));
    }

    private String insertCall(Long leadId, Long campaignId, String status, String outcome, String extraColumns,
                              String extraValues) {
        String sid = "page" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("INSERT INTO call_sessions (call_sid, lead_id, campaign_id, direction, status, final_outcome, started_at"
                        + extraColumns + ") VALUES (?, ?, ?, 'outbound', ?, ?, now()" + extraValues + ")")
                .params(sid, leadId, campaignId, status, outcome).update();
        return sid;
    }

    @Test
    void everyPageSendsAnAnonymousVisitorToSignIn() throws Exception {
        Campaign secret = campaign("Secret launch " + UUID.randomUUID());
        for (String page : List.of("/", "/campaigns", "/campaigns/" + secret.id(), "/calls", "/leads", "/console/live",
                "/console/events", "/campaigns/" + secret.id() + "/results.csv")) {
            mvc.perform(get(page)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"))
                    .andExpect(content().string(not(containsString("Secret launch"))));
        }
    }

    @Test
    void theSignInPageAndItsAssetsAreOpen() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk()).andExpect(content().string(containsString("Admin key")));
        mvc.perform(get("/console/assets/console.css")).andExpect(status().isOk());
    }

    @Test
    void signingInNeedsTheAdminKeyAndTheFormsCsrfToken() throws Exception {
        mvc.perform(post("/login").param("key", adminApiKey.value())).andExpect(status().isForbidden());
        mvc.perform(post("/login").param("key", "wrong").with(csrf())).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("key", adminApiKey.value()).with(csrf())).andExpect(redirectedUrl("/"));
    }

    @Test
    void signingOutIsAPostThatEndsTheSession() throws Exception {
        mvc.perform(post("/logout").with(admin()).with(csrf())).andExpect(redirectedUrl("/login?signedOut"));
        mvc.perform(post("/logout").with(admin())).andExpect(status().isForbidden());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        var response = anonymous().get().uri("/login").retrieve().toBodilessEntity();
        assertThat(response.getHeaders().get("Set-Cookie")).anySatisfy(cookie ->
                assertThat(cookie).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax"));
    }

    @Test
    void aCampaignFormWithErrorsShowsEachNextToItsField() throws Exception {
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", "").param("language", "en")
                        .param("windowStart", "09:00").param("windowEnd", "25:00").param("timeZone", "Mars/Olympus")
                        .param("maxConcurrentCalls", "0").param("retryMaxAttempts", "3").param("retryIntervalMinutes", "120")
                        .param("greeting", "Hi {name}").param("questions[0].key", "").param("questions[0].question", "Budget?"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"name-error\">Give the campaign a name"),
                        containsString("Unknown time zone"), containsString("At least 1"),
                        containsString("Name what this question finds out"))));
    }

    @Test
    void aCampaignFormWithAWindowOutsideTraiHoursShowsTheApisReasonNextToTheTime() throws Exception {
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", "Night " + UUID.randomUUID())
                        .param("language", "en").param("windowStart", "21:00").param("windowEnd", "09:00")
                        .param("timeZone", "Asia/Kolkata").param("maxConcurrentCalls", "2").param("retryMaxAttempts", "3")
                        .param("retryIntervalMinutes", "120").param("greeting", "Hi {name}")
                        .param("questions[0].key", "budget").param("questions[0].question", "Budget?"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "windowEnd"))
                .andExpect(content().string(containsString("must be later than the start (a window cannot cross midnight)")));
    }

    @Test
    void startingOutsideCallingHoursSaysWhenTheFirstCallWillBePlaced() throws Exception {
        Campaign campaign = campaign("Early " + UUID.randomUUID());
        campaigns.attach(campaign.id(), List.of(insertLead("Asha", uniquePhone())));
        clock.pin(java.time.Instant.parse("2026-12-04T23:35:00Z")); // 05:05 IST

        mvc.perform(post("/campaigns/" + campaign.id() + "/start").with(admin()).with(csrf()))
                .andExpect(flash().attribute("notice", startsWith("Started: 1 call(s) queued. Outside the calling hours "
                        + "now: the first call will be placed at 09:00 on Sat 5 Dec (Asia/Kolkata).")));
    }

    @Test
    void startingACampaignWithoutLeadsShowsWhyNothingStarted() throws Exception {
        Campaign campaign = campaign("Empty " + UUID.randomUUID());

        mvc.perform(post("/campaigns/" + campaign.id() + "/start").with(admin()).with(csrf()))
                .andExpect(flash().attribute("error", startsWith("the campaign has no leads to call")));
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo("draft");
    }

    @Test
    void aCampaignFormWithATakenNameIsShownAgainWithItsValuesAndTheReasonNextToTheName() throws Exception {
        String name = campaign("Taken " + UUID.randomUUID()).name();
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", name).param("language", "en")
                        .param("windowStart", "09:00").param("windowEnd", "19:45").param("timeZone", "Asia/Kolkata")
                        .param("maxConcurrentCalls", "2").param("retryMaxAttempts", "3").param("retryIntervalMinutes", "120")
                        .param("greeting", "Namaste {name}!").param("questions[0].key", "budget")
                        .param("questions[0].question", "Budget kitna hai?"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"name-error\">A campaign with this name already exists"),
                        containsString("value=\"19:45\""), containsString("Budget kitna hai?"))));
    }

    @Test
    void aCampaignFormAskingMoreCallsAtOnceThanTheServerTakesIsShownAgainWithTheReasonNextToTheField() throws Exception {
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", "Too many " + UUID.randomUUID())
                        .param("language", "en").param("windowStart", "09:00").param("windowEnd", "19:45")
                        .param("timeZone", "Asia/Kolkata").param("maxConcurrentCalls", "999")
                        .param("retryMaxAttempts", "3").param("retryIntervalMinutes", "120")
                        .param("greeting", "Namaste {name}!").param("questions[0].key", "budget")
                        .param("questions[0].question", "Budget kitna hai?"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "maxConcurrentCalls"))
                .andExpect(content().string(allOf(containsString("must be at most"), containsString("value=\"19:45\""),
                        containsString("Budget kitna hai?"))));
    }

    @Test
    void twoQuestionsFindingOutTheSameThingAreRefusedNextToTheSecond() throws Exception {
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", "Twice " + UUID.randomUUID())
                        .param("language", "en").param("windowStart", "09:00").param("windowEnd", "19:45")
                        .param("timeZone", "Asia/Kolkata").param("maxConcurrentCalls", "2")
                        .param("retryMaxAttempts", "3").param("retryIntervalMinutes", "120").param("greeting", "Hi {name}")
                        .param("questions[0].key", "budget").param("questions[0].question", "Budget?")
                        .param("questions[1].key", "Budget").param("questions[1].question", "How much can you spend?"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("form", "questions[1].key"));
    }

    @Test
    void aCampaignFormWithANameThatDiffersOnlyInCapitalsIsShownAgainWithTheReason() throws Exception {
        String name = campaign("Powai Launch " + UUID.randomUUID()).name();
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", name.toLowerCase()).param("language", "en")
                        .param("windowStart", "09:00").param("windowEnd", "19:45").param("timeZone", "Asia/Kolkata")
                        .param("maxConcurrentCalls", "2").param("retryMaxAttempts", "3").param("retryIntervalMinutes", "120")
                        .param("greeting", "Namaste {name}!").param("questions[0].key", "budget")
                        .param("questions[0].question", "Budget kitna hai?"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"name-error\">A campaign with this name already exists "
                        + "(names that differ only in capitals are the same)")));
    }

    @Test
    void aValidCampaignFormCreatesTheCampaignWithItsScript() throws Exception {
        String name = "Form campaign " + UUID.randomUUID();
        mvc.perform(post("/campaigns").with(admin()).with(csrf()).param("name", name).param("language", "hinglish")
                        .param("windowStart", "10:00").param("windowEnd", "19:30").param("timeZone", "Asia/Kolkata")
                        .param("maxConcurrentCalls", "2").param("retryMaxAttempts", "4").param("retryIntervalMinutes", "60")
                        .param("greeting", "Namaste {name}!").param("purpose", "Plots in Hosur")
                        .param("questions[0].key", "budget").param("questions[0].question", "Budget kitna hai?")
                        .param("questions[0].required", "true").param("questions[1].key", "").param("questions[1].question", ""))
                .andExpect(status().isFound());
        Campaign created = campaigns.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        assertThat(created.script().greeting()).isEqualTo("Namaste {name}!");
        assertThat(created.script().qualificationFields()).singleElement()
                .satisfies(f -> assertThat(f.question()).isEqualTo("Budget kitna hai?"));
        assertThat(created.callingWindowEnd()).hasToString("19:30");
        assertThat(created.retryMaxAttempts()).isEqualTo(4);
    }

    @Test
    void aHindiCampaignCreatedFromTheUnchangedFormSpeaksTheHindiDefaultScript() throws Exception {
        String name = "Hindi defaults " + UUID.randomUUID();
        CampaignScript english = CampaignScript.defaultRealEstate();
        var request = post("/campaigns").with(admin()).with(csrf()).param("name", name).param("language", "hi")
                .param("windowStart", "09:00").param("windowEnd", "21:00").param("timeZone", "Asia/Kolkata")
                .param("maxConcurrentCalls", "5").param("retryMaxAttempts", "3").param("retryIntervalMinutes", "120")
                .param("greeting", english.greeting()).param("purpose", english.purpose());
        for (int i = 0; i < english.qualificationFields().size(); i++) {
            var field = english.qualificationFields().get(i);
            request.param("questions[" + i + "].key", field.key()).param("questions[" + i + "].question", field.question())
                    .param("questions[" + i + "].required", Boolean.toString(field.required()));
        }

        mvc.perform(request).andExpect(status().isFound());

        Campaign created = campaigns.list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        assertThat(created.script()).isEqualTo(CampaignScript.defaultRealEstate(dev.vaani.conversation.Language.HINDI));
    }

    @Test
    void allOrNothingImportsNothingFromAFileWithABadRow() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());
        String good = uniquePhone();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(multipart("/campaigns/" + campaign.id() + "/import/check").file(new MockMultipartFile("file",
                        "leads.csv", "text/csv", ("name,phone\nAsha," + good + "\nNo Phone,\n").getBytes()))
                .session(session).with(admin()).with(csrf())).andExpect(status().isFound());
        mvc.perform(get("/campaigns/" + campaign.id()).session(session).with(admin()))
                .andExpect(content().string(allOf(containsString("2 row(s), 1 lead(s) ready"), containsString("phone is missing"))));

        mvc.perform(post("/campaigns/" + campaign.id() + "/import").param("mode", "all").session(session)
                .with(admin()).with(csrf())).andExpect(status().isFound());

        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(good).query(Integer.class).single()).isZero();
    }

    @Test
    void aCheckedFileShowsTheCellOfEachBadRowAndTheRowsMergedIntoEarlierOnes() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());
        String phone = uniquePhone();
        MockHttpSession session = new MockHttpSession();
        String csv = "Name;Mobile\nAsha;" + phone + "\nLetters;98450ABCDE\nAsha again;" + phone + "\n";
        mvc.perform(multipart("/campaigns/" + campaign.id() + "/import/check").file(new MockMultipartFile("file",
                        "leads.csv", "text/csv", csv.getBytes())).session(session).with(admin()).with(csrf()))
                .andExpect(status().isFound());

        mvc.perform(get("/campaigns/" + campaign.id()).session(session).with(admin())).andExpect(content().string(allOf(
                containsString("3 row(s), 1 lead(s) ready"), containsString("1 merged into an earlier row"),
                containsString("1 with errors"),
                containsString("<td>B (Mobile)</td><td>phone contains letters: XXXXXXBCDE</td>"),
                containsString("same phone as line 2"))));
    }

    @Test
    void aCampaignPageSentBackFromAnOversizedImportSaysHowLargeAFileMayBe() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());

        mvc.perform(get("/campaigns/" + campaign.id()).param("importTooLarge", "").with(admin()))
                .andExpect(content().string(containsString("That file is larger than 10 MB, the most one import takes")));
    }

    @Test
    void theImportCheckOpenedAgainLeadsBackToTheCampaignsImport() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());

        mvc.perform(get("/campaigns/" + campaign.id() + "/import/check").with(admin()))
                .andExpect(redirectedUrl("/campaigns/" + campaign.id() + "#import"));
    }

    @Test
    void anEmptyFileIsSaidToBeEmpty() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());
        mvc.perform(multipart("/campaigns/" + campaign.id() + "/import/check").file(new MockMultipartFile("file",
                        "leads.csv", "text/csv", new byte[0])).with(admin()).with(csrf()))
                .andExpect(flash().attribute("importError", "The file leads.csv is empty."));
    }

    @Test
    void aCheckedFileShowsTheCellsLeftOutAndTheColumnsIgnored() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());
        MockHttpSession session = new MockHttpSession();
        String csv = "Name,Mobile No.,Email,Remarks\nAsha," + uniquePhone() + ",asha@gmail,call after 6\n";
        mvc.perform(multipart("/campaigns/" + campaign.id() + "/import/check").file(new MockMultipartFile("file",
                "leads.csv", "text/csv", csv.getBytes())).session(session).with(admin()).with(csrf()));

        mvc.perform(get("/campaigns/" + campaign.id()).session(session).with(admin())).andExpect(content().string(allOf(
                containsString("1 row(s), 1 lead(s) ready"),
                containsString("<td>C (Email)</td><td>email is not valid, imported without it: asha@gmail</td>"),
                containsString("Ignored columns: Remarks"))));
    }

    @Test
    void anExcelWorkbookIsToldToBeSavedAsCsv() throws Exception {
        Campaign campaign = campaign("Import " + UUID.randomUUID());
        mvc.perform(multipart("/campaigns/" + campaign.id() + "/import/check").file(new MockMultipartFile("file",
                        "leads.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        new byte[] {'P', 'K', 3, 4, 20, 0})).with(admin()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("importError", "This is an Excel workbook; save it as CSV (UTF-8) and upload that"));
    }

    @Test
    void aCampaignTheDialerPausedSaysExotelRefusedTheAccountOnHomeAndItsPage() throws Exception {
        Campaign paused = campaign("Refused " + UUID.randomUUID());
        String reason = "Exotel refused the account (402): insufficient balance or a plan limit; top up or upgrade the plan";
        jdbc.sql("UPDATE campaigns SET status = 'paused', paused_reason = ? WHERE id = ?").params(reason, paused.id())
                .update();
        try {
            mvc.perform(get("/").with(admin())).andExpect(status().isOk())
                    .andExpect(content().string(allOf(
                            containsString("Exotel refused our calls: " + paused.name() + " paused"),
                            containsString(reason), containsString("No lead was marked failed"))));
            mvc.perform(get("/campaigns/" + paused.id()).with(admin())).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("id=\"paused-reason\""),
                            containsString("Paused by the dialer: " + reason))));
        } finally {
            jdbc.sql("UPDATE campaigns SET status = 'stopped' WHERE id = ?").param(paused.id()).update();
            campaigns.delete(paused.id());
        }
    }

    /**
     * The home page's hour is one no other test makes calls in, so the failing calls a test adds are the hour's only
     * ones (before, each test added as many as the shared database held, doubling them run after run).
     */
    private void anHourOfFailingCalls(Instant hourEnd, String status) {
        clock.pin(hourEnd);
        for (int i = 0; i < Attention.FAILING_MIN_CALLS; i++) {
            insertCall(null, null, status, status.equals("failed") ? "failed" : "incomplete", ", created_at, ended_at",
                    ", TIMESTAMPTZ '" + hourEnd.minusSeconds(600) + "', TIMESTAMPTZ '" + hourEnd.minusSeconds(590) + "'");
        }
    }

    @Test
    void callsCutOffOnOurSideAreFailingCallsTooAndTheAlertListsThem() throws Exception {
        anHourOfFailingCalls(Instant.parse("2001-01-01T01:00:00Z"), "interrupted");

        mvc.perform(get("/").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Calls are failing"),
                        containsString("were cut off on our side"),
                        containsString("href=\"/calls?status=interrupted&amp;date=2001-01-01\""))));
    }

    @Test
    void homeSaysWhatNeedsAttention() throws Exception {
        Campaign paused = campaign("Paused " + UUID.randomUUID());
        jdbc.sql("UPDATE campaigns SET status = 'paused' WHERE id = ?").param(paused.id()).update();
        anHourOfFailingCalls(Instant.parse("2001-01-02T01:00:00Z"), "failed");
        try {
            mvc.perform(get("/").with(admin())).andExpect(status().isOk())
                    .andExpect(content().string(allOf(containsString("Dialer paused: " + paused.name()),
                            containsString("Calls are failing"))));
        } finally {
            jdbc.sql("UPDATE campaigns SET status = 'stopped' WHERE id = ?").param(paused.id()).update();
            campaigns.delete(paused.id());
        }
    }

    @Test
    void homeShowsReplyLatencyFromTheCallersLastSpeechToTheFirstAudio() throws Exception {
        Instant now = Instant.parse("2099-06-01T12:00:00Z"); // no other test's calls ended in the hour before
        clock.pin(now);
        insertCall(null, null, "completed", "qualified", ", ended_at, turn_metrics", ", '" + now.minusSeconds(60)
                + "', '[{\"turn\":1,\"last_speech_before_turn_end_ms\":540,\"first_audio_sent_ms\":20},"
                + "{\"turn\":2,\"last_speech_before_turn_end_ms\":560,\"first_audio_sent_ms\":40}]'");

        mvc.perform(get("/").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<dd>580 ms</dd>"),
                        containsString("From the caller's last detected speech to the first audio of the answer"),
                        containsString("<span>550 ms</span> is the wait to be sure they"))));
    }

    @Test
    void homeSaysThatTodaysOutcomesCountCallsAndQualifiedLeadsCountLeads() throws Exception {
        insertCall(null, null, "completed", "qualified", ", ended_at", ", now()"); // like the demo call: no lead

        mvc.perform(get("/").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Calls today"),
                        containsString("demo and simulated calls, which have no lead, count too"),
                        containsString("Leads a call qualified; they stay qualified whatever a later call says"),
                        containsString("A qualified call without a lead (the demo call, a"))));
    }

    @Test
    void todaysCallsStillOnAreCountedButNotLinkedToAFilterNoCallMatches() throws Exception {
        insertCall(null, null, "in-progress", null, "", "");
        insertCall(null, null, "completed", "qualified", ", ended_at", ", now()");
        String today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Kolkata")).toString();

        mvc.perform(get("/").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("href=\"/calls?outcome=qualified&amp;date=" + today + "\""),
                        containsString(">in progress<"), not(containsString("outcome=in progress")),
                        not(containsString("outcome=in%20progress")))));
    }

    @Test
    void theCallListFiltersByOutcome() throws Exception {
        Campaign campaign = campaign("Filter " + UUID.randomUUID());
        String qualified = insertCall(null, campaign.id(), "completed", "qualified", "", "");
        String busy = insertCall(null, campaign.id(), "busy", "busy", "", "");
        mvc.perform(get("/calls").param("campaignId", Long.toString(campaign.id())).param("outcome", "busy").with(admin()))
                .andExpect(content().string(allOf(containsString(busy), not(containsString(qualified)))));
    }

    private static final String OUR_EXOPHONE = "+918047495678";

    @Test
    void theCallListShowsTheLeadsNameAndNumberOfAnOutboundCallNotOurExoPhone() throws Exception {
        Campaign campaign = campaign("Party " + UUID.randomUUID());
        String phone = uniquePhone();
        long lead = insertLead("Priya " + UUID.randomUUID().toString().substring(0, 8), phone);
        insertCall(lead, campaign.id(), "completed", "qualified", ", from_number, to_number",
                ", '" + OUR_EXOPHONE + "', '" + phone + "'");

        String page = mvc.perform(get("/calls").param("campaignId", Long.toString(campaign.id())).with(admin()))
                .andReturn().getResponse().getContentAsString();

        String name = jdbc.sql("SELECT name FROM leads WHERE id = ?").param(lead).query(String.class).single();
        assertThat(page).contains("href=\"/leads/" + lead + "\"", name, dev.vaani.crm.PhoneMasking.mask(phone))
                .doesNotContain(dev.vaani.crm.PhoneMasking.mask(OUR_EXOPHONE));
    }

    @Test
    void anInboundCallPageShowsItsCallersMaskedNumber() throws Exception {
        String caller = uniquePhone();
        String sid = insertCall(null, null, "completed", "callback", ", from_number, to_number",
                ", '" + caller + "', '" + OUR_EXOPHONE + "'");
        jdbc.sql("UPDATE call_sessions SET direction = 'inbound' WHERE call_sid = ?").param(sid).update();

        mvc.perform(get("/calls/" + sid).with(admin())).andExpect(content().string(allOf(
                containsString(dev.vaani.crm.PhoneMasking.mask(caller)),
                not(containsString(dev.vaani.crm.PhoneMasking.mask(OUR_EXOPHONE))), not(containsString(caller)))));
    }

    @Test
    void aCallBackIsNotBookedByAPostWithoutTheFormsCsrfToken() throws Exception {
        String caller = uniquePhone();
        String sid = insertCall(null, null, "completed", "callback", ", from_number, to_number, ended_at",
                ", '" + caller + "', '" + OUR_EXOPHONE + "', now()");
        jdbc.sql("UPDATE call_sessions SET direction = 'inbound' WHERE call_sid = ?").param(sid).update();
        Campaign campaign = campaign("Forged call backs " + UUID.randomUUID());

        mvc.perform(post("/calls/" + sid + "/call-back").with(admin()).param("campaignId", String.valueOf(campaign.id())))
                .andExpect(status().isForbidden());

        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(caller).query(Integer.class).single()).isZero();
    }

    @Test
    void aCallBackTheConsoleCannotBookSaysWhy() throws Exception {
        String sid = insertCall(null, null, "in-progress", null, ", from_number", ", '" + uniquePhone() + "'");
        jdbc.sql("UPDATE call_sessions SET direction = 'inbound' WHERE call_sid = ?").param(sid).update();
        Campaign campaign = campaign("Early call backs " + UUID.randomUUID());

        mvc.perform(post("/calls/" + sid + "/call-back").with(admin()).with(csrf())
                        .param("campaignId", String.valueOf(campaign.id())))
                .andExpect(redirectedUrl("/calls/" + sid))
                .andExpect(flash().attribute("error", startsWith("Not booked: the call is still on")));
    }

    @Test
    void aCallPageMarksTheInterruptedLinePlaysTheRecordingAndChartsLatency() throws Exception {
        String sid = insertCall(null, null, "completed", "callback", ", ended_at, recording_url, transcript, turn_metrics",
                ", now(), 'https://recordings.exotel.com/a.mp3', "
                        + "'[{\"speaker\":\"ai\",\"text\":\"Hello, is this\",\"timestamp\":\"t\",\"interrupted\":true},"
                        + "{\"speaker\":\"user\",\"text\":\"Call me tomorrow\",\"timestamp\":\"t\"}]', "
                        + "'[{\"turn\":1,\"first_audio_sent_ms\":700}]'");
        mvc.perform(get("/calls/" + sid).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("class=\"bot interrupted\""),
                        containsString("interrupted — the lead spoke over the agent here"),
                        containsString("<audio controls preload=\"none\" src=\"https://recordings.exotel.com/a.mp3\""),
                        containsString("Turn 1: 700 ms"), containsString("Call me tomorrow"))));
    }

    @Test
    void aCallPageNeitherPlaysNorLinksARecordingUrlThatIsNoHttpsUrl() throws Exception {
        String sid = insertCall(null, null, "completed", "callback", ", ended_at, recording_url",
                ", now(), 'javascript:alert(document.cookie)//.mp3'");
        mvc.perform(get("/calls/" + sid).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString(sid), not(containsString("javascript:")),
                        not(containsString("<audio")), not(containsString("recording-title")))));
    }

    @Test
    void aCallPageChartsEachTurnFromTheCallersLastSpeech() throws Exception {
        String sid = insertCall(null, null, "completed", "qualified", ", ended_at, turn_metrics",
                ", now(), '[{\"turn\":1,\"last_speech_before_turn_end_ms\":500,\"first_audio_sent_ms\":80}]'");
        mvc.perform(get("/calls/" + sid).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Turn 1: 580 ms, 500 ms of it waiting"),
                        containsString(">580</text>"))));
    }

    @Test
    void anUnknownCallIsNotFound() throws Exception {
        mvc.perform(get("/calls/no-such-call").with(admin())).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Not found")));
    }

    @Test
    void leadsAreSearchedByNameAndDoNotCallIsTurnedOnAndOff() throws Exception {
        String name = "Zoya " + UUID.randomUUID().toString().substring(0, 8);
        long id = insertLead(name, uniquePhone());
        mvc.perform(get("/leads").param("q", name).with(admin())).andExpect(content().string(containsString(name)));

        mvc.perform(post("/leads/" + id + "/do-not-call").param("on", "true").with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/leads/" + id));
        assertThat(jdbc.sql("SELECT do_not_call FROM leads WHERE id = ?").param(id).query(Boolean.class).single()).isTrue();
        mvc.perform(post("/leads/" + id + "/do-not-call").param("on", "false").with(admin()).with(csrf()));
        assertThat(jdbc.sql("SELECT do_not_call FROM leads WHERE id = ?").param(id).query(Boolean.class).single()).isFalse();
    }

    @Test
    void aLeadIsFoundByItsNumberWrittenWithATrunkZero() throws Exception {
        String phone = uniquePhone();
        long id = insertLead("Trunk " + UUID.randomUUID().toString().substring(0, 8), phone);

        mvc.perform(get("/leads").param("q", "0" + phone.substring(3, 8) + " " + phone.substring(8)).with(admin()))
                .andExpect(content().string(containsString("/leads/" + id)));
    }

    @Test
    void aPagePastTheLastSaysSoRatherThanThatThereAreNoCalls() throws Exception {
        mvc.perform(get("/calls").param("page", "100000").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("No older calls"), not(containsString("No calls yet")))));
        mvc.perform(get("/leads").param("page", "100000").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("No more leads"), not(containsString("No leads yet")))));
    }

    @Test
    void aCallOnWhichTheLeadAskedNotToBeCalledAgainSaysSoOnTheCallAndTheLeadPage() throws Exception {
        long id = insertLead("Rajesh " + UUID.randomUUID().toString().substring(0, 8), uniquePhone());
        jdbc.sql("UPDATE leads SET do_not_call = TRUE WHERE id = ?").param(id).update();
        String sid = insertCall(id, null, "completed", "not_interested", ", do_not_call_requested", ", TRUE");

        mvc.perform(get("/calls/" + sid).with(admin())).andExpect(status().isOk()).andExpect(content().string(
                containsString("Asked not to be called again: the lead is on do-not-call.")));
        mvc.perform(get("/leads/" + id).with(admin())).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("Do-not-call is on: no campaign calls this lead."),
                containsString("The lead asked on a call not to be called again."),
                containsString("asked not to be called"))));
    }

    @Test
    void aLeadsPageShowsItsQueuedCallbackAtTheTimeItWillBePlaced() throws Exception {
        long id = insertLead("Sunita " + UUID.randomUUID().toString().substring(0, 8), uniquePhone());
        long campaign = jdbc.sql("INSERT INTO campaigns (name, status) VALUES (?, 'active') RETURNING id")
                .param("Queued " + UUID.randomUUID()).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind)
                VALUES (?, ?, '2025-06-02T17:15:00Z', '2025-06-03T03:30:00Z', 2, 'callback')""").params(id, campaign).update();

        mvc.perform(get("/leads/" + id).with(admin())).andExpect(status().isOk()).andExpect(content().string(allOf(
                containsString("Queued calls"), containsString("2 Jun, 22:45"), containsString("3 Jun, 09:00"))));
    }

    @Test
    void aPlainRefusalIsNotShownAsARequestNotToBeCalled() throws Exception {
        long id = insertLead("Amit " + UUID.randomUUID().toString().substring(0, 8), uniquePhone());
        String sid = insertCall(id, null, "completed", "not_interested", "", "");

        mvc.perform(get("/calls/" + sid).with(admin()))
                .andExpect(content().string(not(containsString("Asked not to be called again"))));
        mvc.perform(get("/leads/" + id).with(admin()))
                .andExpect(content().string(not(containsString("asked on a call not to be called again"))));
    }

    @Test
    void aLeadsPageShowsTheBrokersDetailsBesideWhatTheLeadSaidOnCalls() throws Exception {
        long id = insertLead("Broker " + UUID.randomUUID().toString().substring(0, 8), uniquePhone());
        jdbc.sql("""
                UPDATE leads SET property_type = '2BHK', location = 'Pune', budget = '80L',
                       collected_data = '{"location": "Baner", "budget": "₹45L–₹55L"}'::jsonb WHERE id = ?""")
                .param(id).update();

        String page = mvc.perform(get("/leads/" + id).with(admin())).andReturn().getResponse().getContentAsString();

        assertThat(page.substring(page.indexOf("id=\"details-title\""), page.indexOf("id=\"collected-title\"")))
                .contains("2BHK", "Pune", "80L").doesNotContain("Baner");
        assertThat(page.substring(page.indexOf("id=\"collected-title\""), page.indexOf("id=\"calls-title\"")))
                .contains("What the lead said on calls", "Baner", "₹45–55 lakh");
    }

    @Test
    void aLeadsPageListsCallsFromItsNumberApartAsUnverified() throws Exception {
        String phone = uniquePhone();
        long id = insertLead("Caller " + UUID.randomUUID().toString().substring(0, 8), phone);
        String own = "own" + UUID.randomUUID().toString().replace("-", "");
        String fromItsNumber = "cid" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, lead_id, direction, status, from_number)
                VALUES (?, ?, 'outbound', 'completed', ?)""").params(own, id, phone).update();
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, direction, status, from_number)
                VALUES (?, 'inbound', 'completed', ?)""").params(fromItsNumber, "0" + phone.substring(3)).update();

        String page = mvc.perform(get("/leads/" + id).with(admin())).andReturn().getResponse().getContentAsString();

        assertThat(page.substring(page.indexOf("id=\"calls-title\""), page.indexOf("id=\"unverified-title\"")))
                .contains(own).doesNotContain(fromItsNumber);
        assertThat(page.substring(page.indexOf("id=\"unverified-title\""))).contains(fromItsNumber)
                .contains("A caller ID can be faked").doesNotContain(own);
    }

    @Test
    void aCallerFromALeadsNumberAskingNotToBeCalledIsShownBesideTheDoNotCallSwitch() throws Exception {
        String phone = uniquePhone();
        long id = insertLead("Caller " + UUID.randomUUID().toString().substring(0, 8), phone);
        String before = mvc.perform(get("/leads/" + id).with(admin())).andReturn().getResponse().getContentAsString();
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, direction, status, from_number, do_not_call_requested)
                VALUES (?, 'inbound', 'completed', ?, TRUE)""")
                .params("dnc" + UUID.randomUUID().toString().replace("-", ""), phone).update();

        String page = mvc.perform(get("/leads/" + id).with(admin())).andReturn().getResponse().getContentAsString();

        assertThat(before).doesNotContain("id=\"dnc-asked-unverified\"");
        assertThat(page).contains("id=\"dnc-asked-unverified\"", "did not turn", "Campaigns may call this lead.");
    }

    @Test
    void emptyListsSayWhatToDo() throws Exception {
        mvc.perform(get("/calls").param("outcome", "voicemail").param("date", "2001-01-01").with(admin()))
                .andExpect(content().string(containsString("No calls match these filters.")));
    }
}
