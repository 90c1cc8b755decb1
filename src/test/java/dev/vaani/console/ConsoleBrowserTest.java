package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.simulator.AudioClip;
import dev.vaani.simulator.CallReport;
import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.SimulatedCall;
import dev.vaani.simulator.SimulatorOptions;
import dev.vaani.testing.ScriptedSpeechToText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import dev.vaani.conversation.CampaignScript;
import dev.vaani.conversation.Language;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import dev.vaani.testing.SignedStreams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;

/**
 * The console in a real browser (headless Chromium), against the running server, as an operator uses it the first
 * time: sign in, create a campaign, import leads from a CSV with a bad row, start it, watch a call live, review it,
 * download the results. One browser for the class; the steps run in order and build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends BrowserTest {

    @Autowired
    ScriptedSpeechToText recogniser;

    @Autowired
    dev.vaani.call.identity.CallIdentitySigner identities;

    @Autowired
    dev.vaani.call.CallProperties callSettings;

    private final String campaignName = "Whitefield launch " + UUID.randomUUID().toString().substring(0, 6);
    private final String priyaPhone = uniquePhone();
    private long campaignId;

    @Test
    @Order(1)
    void showsNothingBeforeSignInAndRefusesAWrongKey() {
        browser.open("/campaigns");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("login", 1000);

        browser.find("#key").sendKeys("not-the-key");
        browser.find("button[type=submit]").click();

        // the click only submits the form: wait for the answer's page before reading where the browser is
        browser.await(WAIT, driver -> "/login?error".equals(browser.path()));
        assertThat(browser.text("#login-error")).contains("not the admin key");
    }

    @Test
    @Order(2)
    void signsInWithTheAdminKey() {
        browser.find("#key").sendKeys(adminApiKey.value());
        browser.find("button[type=submit]").click();

        browser.await(WAIT, ExpectedConditions.urlToBe("http://127.0.0.1:" + port + "/campaigns")); // where they meant to go
        assertThat(browser.find("h1").getText()).isEqualTo("Campaigns");
    }

    @Test
    @Order(3)
    void createsACampaign() {
        browser.clickToLoad("#new-campaign");
        browser.clickToLoad("#save"); // no name yet: the error shows next to the field
        assertThat(browser.text("#name-error")).isEqualTo("Give the campaign a name");
        browser.screenshot("campaign-form", 1280);

        browser.find("#name").sendKeys(campaignName);
        for (int optional = 3; optional <= 5; optional++) { // timeline, purpose, financing: this campaign skips them
            browser.find("[id='questions" + optional + ".key']").clear();
            browser.find("[id='questions" + optional + ".question']").clear();
        }
        browser.clickToLoad("#save");

        browser.await(WAIT, ExpectedConditions.urlMatches("/campaigns/\\d+$"));
        campaignId = Long.parseLong(browser.path().substring("/campaigns/".length()));
        assertThat(browser.text("h1")).isEqualTo(campaignName);
        assertThat(browser.text(".notice")).contains("Campaign created");
        assertThat(browser.all("#main ol li")).as("questions left").hasSize(3);
    }

    @Test
    @Order(4)
    void reportsTheBadRowOfAnUploadedCsvBeforeSavingAnything(@TempDir Path folder) throws IOException {
        Path csv = folder.resolve("leads.csv");
        Files.writeString(csv, "name,phone,email\nPriya Sharma," + priyaPhone + ",priya@example.com\n"
                + "Bad Row,12345,\nRahul Verma," + uniquePhone() + ",\n");

        browser.find("#file").sendKeys(csv.toAbsolutePath().toString()); // choosing the file checks it

        browser.await(WAIT, ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("checked")));
        assertThat(browser.text("#checked")).contains("3 row(s), 2 lead(s) ready", "1 with errors");
        assertThat(browser.text(".row-errors tbody td:first-child")).isEqualTo("3");
        assertThat(browser.text(".row-errors tbody")).contains("phone is not a valid number");
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(priyaPhone).query(Integer.class).single())
                .as("nothing saved before the import").isZero();
        browser.screenshot("campaign-import-check", 1280);
    }

    @Test
    @Order(5)
    void importsTheGoodRowsWhenToldToSkipTheBadOne() {
        browser.find("#mode-skip").click();
        browser.clickToLoad("#import-button");

        assertThat(browser.text(".notice")).contains("2 new lead(s)", "1 bad row(s) skipped");
        assertThat(browser.text("[data-count=leads]")).isEqualTo("2");
    }

    @Test
    @Order(6)
    void startsTheCampaign() {
        browser.find("#start").click();

        // the import's notice is on the page until the start's answer replaces it: wait for the new page's notice
        browser.await(WAIT, ExpectedConditions.textToBePresentInElementLocated(
                org.openqa.selenium.By.cssSelector(".notice"), "Started: 2 call(s) queued"));
        assertThat(browser.text("#campaign-status")).isEqualTo("active");
        assertThat(browser.text("[data-count=queued]")).isEqualTo("2");
        browser.screenshot("campaign", 1280);
    }

    @Test
    @Order(7)
    void followsALiveCallOnTheHomePageAndItsTranscriptGrowsOnItsPage() throws Exception {
        long leadId = jdbc.sql("SELECT id FROM leads WHERE phone = ?").param(priyaPhone).query(Long.class).single();
        String callSid = "console" + UUID.randomUUID().toString().replace("-", "");
        browser.open("/");
        CompletableFuture<CallReport> call = simulateCall(callSid, leadId);

        browser.await(WAIT, ExpectedConditions.presenceOfElementLocated(
                org.openqa.selenium.By.cssSelector("#live a[href='/calls/" + callSid + "']")));
        browser.screenshot("home-live", 1280);
        browser.clickToLoad("#live a[href='/calls/" + callSid + "']");
        assertThat(browser.find("#live-badge").isDisplayed()).isTrue();
        int shownAtLoad = browser.all("#transcript li").size();
        browser.await(Duration.ofSeconds(40), driver -> browser.all("#transcript li.new").size() >= 2); // added as heard
        assertThat(browser.all("#transcript li").size()).isGreaterThan(shownAtLoad);
        browser.screenshot("call-live", 1280);

        CallReport report = call.get();
        assertThat(report.failures()).isEmpty();
        browser.await(Duration.ofSeconds(30), ExpectedConditions.textToBePresentInElementLocated(
                org.openqa.selenium.By.id("call-outcome"), "qualified")); // the page reloads when the call ends
        this.callSid = callSid;
    }

    private String callSid;

    @Test
    @Order(8)
    void showsTheEndedCallsTranscriptCollectedDataAndOutcome() {
        browser.open("/calls/" + callSid);

        assertThat(browser.all("#live-badge")).isEmpty();
        assertThat(browser.text("#call-outcome")).isEqualTo("qualified");
        assertThat(browser.text("#transcript li.bot")).contains("Priya");
        assertThat(browser.text("#transcript")).contains("I am looking for a two BHK apartment.");
        assertThat(browser.all("#transcript li.interrupted")).as("the barge-in is marked").isNotEmpty();
        assertThat(browser.text("#collected")).contains("Whitefield");
        assertThat(browser.all("svg.chart rect")).isNotEmpty();
        browser.screenshot("call", 1280);
        browser.screenshot("call-phone", 390);
    }

    @Test
    @Order(9)
    void downloadsTheCampaignResults() {
        browser.open("/campaigns/" + campaignId);
        String href = browser.find("#results").getAttribute("href");
        browser.screenshot("campaign-after-call", 1280);

        String csv = RestClient.create().get().uri(href).header("Cookie", "JSESSIONID=" + browser.cookie("JSESSIONID"))
                .retrieve().body(String.class);

        assertThat(csv).startsWith("\uFEFFlead_id,name,phone"); // the byte order mark tells Excel it is UTF-8
        assertThat(csv).contains("Priya Sharma", callSid, "qualified", "Rahul Verma");
    }

    @Test
    @Order(10)
    void listsCallsAndLeadsAndOpensALead() {
        browser.open("/calls?campaignId=" + campaignId);
        assertThat(browser.text("table.list")).contains(callSid);
        browser.screenshot("calls", 1280);

        browser.open("/leads?q=Priya");
        browser.clickToLoad("table.list a");
        assertThat(browser.text("h1")).isEqualTo("Priya Sharma");
        assertThat(browser.text("main")).contains(callSid, "Whitefield");
        browser.screenshot("lead", 1280);
        browser.open("/leads");
        browser.screenshot("leads", 1280);
    }

    @Test
    @Order(11)
    void aNewCampaignsDefaultLinesChangeWithItsLanguageAndTheOperatorsOwnLinesStay() {
        browser.open("/campaigns/new");
        WebElement purpose = browser.find("#purpose");
        purpose.clear();
        purpose.sendKeys("Sea-facing 2 and 3 BHK homes at Powai Heights.");

        new Select(browser.find("#language")).selectByValue("hi");

        CampaignScript hindi = CampaignScript.defaultRealEstate(Language.HINDI);
        assertThat(browser.find("#greeting").getDomProperty("value")).isEqualTo(hindi.greeting());
        assertThat(browser.find("[id='questions2.question']").getDomProperty("value"))
                .isEqualTo(hindi.qualificationFields().get(2).question());
        assertThat(browser.find("#purpose").getDomProperty("value"))
                .isEqualTo("Sea-facing 2 and 3 BHK homes at Powai Heights.");

        new Select(browser.find("#language")).selectByValue("en");
        assertThat(browser.find("#greeting").getDomProperty("value"))
                .isEqualTo(CampaignScript.defaultRealEstate().greeting());
    }

    @Test
    @Order(12)
    void onAPhoneTheQuestionRowsDoNotOverlap() {
        browser.onAPhone(() -> {
            browser.open("/campaigns/new");
            WebElement key = browser.find("[id='questions0.key']");
            WebElement questionLabel = browser.find("label[for='questions0.question']");

            assertThat(questionLabel.getRect().getY())
                    .as("the Question label starts below the Finds-out field it wraps under")
                    .isGreaterThanOrEqualTo(key.getRect().getY() + key.getRect().getHeight());
            browser.screenshot("campaign-form-phone", 390);
        });
    }

    @Test
    @Order(13)
    void onAPhoneTheCallsTableKeepsIdsNumbersAndTimesOnOneLine() {
        browser.onAPhone(() -> {
            browser.open("/calls?campaignId=" + campaignId);
            WebElement row = browser.find("table.list tbody tr");
            WebElement id = row.findElement(org.openqa.selenium.By.cssSelector("a.sid"));

            assertThat(browser.linesOf(id)).isEqualTo(1);
            assertThat(browser.linesOf(row.findElement(org.openqa.selenium.By.cssSelector(".mono")))).isEqualTo(1);
            assertThat(browser.linesOf(row.findElement(org.openqa.selenium.By.cssSelector("td.when")))).isEqualTo(1);
            assertThat(id.getAttribute("title")).as("the whole id, where the cell shows its start").isEqualTo(callSid);
            assertThat(browser.pageScrollsSideways()).as("only the table scrolls sideways, not the page").isFalse();
            browser.screenshot("calls-phone", 390);
        });
    }

    @Test
    @Order(14)
    void onAPhoneNoPageScrollsSideways() {
        browser.onAPhone(() -> {
            long priya = jdbc.sql("SELECT id FROM leads WHERE phone = ?").param(priyaPhone).query(Long.class).single();
            for (String page : new String[] {"/", "/campaigns", "/campaigns/" + campaignId, "/campaigns/new",
                    "/campaigns/" + campaignId + "/edit", "/calls", "/calls/" + callSid, "/leads", "/leads/" + priya}) {
                browser.open(page);
                assertThat(browser.pageScrollsSideways()).as(page).isFalse();
            }
        });
    }

    /** Stands in for Exotel: the lead answers and qualifies, interrupting the bot once. */
    private CompletableFuture<CallReport> simulateCall(String callSid, long leadId) {
        recogniser.hears("Yes, this is a good time.", "Wait, sorry, can you repeat that?",
                "I am looking for a two BHK apartment.", "In Whitefield.", "My budget is around fifty lakhs.",
                "Yes, that is right.");
        Scenario scenario = Scenario.builder("console: a qualified lead")
                .waitForBotToFinish(800).say(clip("yes-good-time.wav"))
                .bargeIn(1200, clip("wait-repeat.wav"))
                .waitForBotToFinish(800).say(clip("two-bhk.wav"))
                .waitForBotToFinish(800).say(clip("whitefield.wav"))
                .waitForBotToFinish(800).say(clip("budget.wav"))
                .waitForBotToFinish(800).say(clip("yes-right.wav"))
                .waitForBotToFinish(800)
                .timeout(Duration.ofMinutes(2))
                .expectServerHangsUp()
                .build();
        // the call's identity signed as the dialer signs it, so the server knows the lead and the campaign
        SimulatorOptions options = SimulatorOptions.builder()
                .url(SignedStreams.mediaUrl(port, identities, callSettings, leadId, campaignId)).callSid(callSid).build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new SimulatedCall(options, scenario).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static AudioClip clip(String name) {
        try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream("/simulator/clips/" + name)) {
            return AudioClip.fromWav(name, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
