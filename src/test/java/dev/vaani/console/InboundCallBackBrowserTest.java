package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.campaign.CampaignRequest;
import dev.vaani.campaign.Campaigns;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Someone phoned the ExoPhone, no lead is known by their number, and they asked to be called back tomorrow at five.
 * The broker reads the call in a real browser (headless Chromium), picks a campaign and books the call back: the page
 * then says who calls and when, the number still masked, and offers no second booking.
 */
class InboundCallBackBrowserTest extends BrowserTest {

    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    @Autowired Campaigns campaigns;

    @Test
    void theBrokerBooksTheCallBackAnUnknownCallerAskedFor() {
        String caller = uniquePhone();
        String campaignName = "Sarjapur call backs " + UUID.randomUUID().toString().substring(0, 6);
        long campaign = campaigns.create(new CampaignRequest(campaignName, null, null, null, null, null, null, 5, 3,
                120, false)).id();
        jdbc.sql("UPDATE campaigns SET status = 'active' WHERE id = ?").param(campaign).update();
        OffsetDateTime asked = LocalDate.now(INDIA).plusDays(1).atTime(LocalTime.of(17, 0)).atZone(INDIA).toOffsetDateTime();
        String sid = "CAin" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, direction, status, from_number, to_number, started_at, answered_at,
                                           ended_at, final_outcome, collected_data, transcript)
                VALUES (?, 'inbound', 'completed', ?, '+918012345678', now(), now(), ?, 'callback', CAST(? AS jsonb),
                        CAST(? AS jsonb))""")
                .params(sid, caller, Timestamp.from(Instant.now()),
                        "{\"callback_at\":\"" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(asked) + "\"}",
                        "[{\"speaker\":\"user\",\"text\":\"I saw your Sarjapur ad, call me tomorrow at five\"}]")
                .update();

        signInAndOpen("/calls/" + sid);
        String when = DateTimeFormatter.ofPattern("d MMM, HH:mm", java.util.Locale.ENGLISH).format(asked);
        assertThat(browser.text("#collected")).contains("Call back at", when);

        new Select(browser.find("#call-back-campaign")).selectByVisibleText(campaignName);
        browser.find("#call-back-name").sendKeys("Farhan");
        browser.clickToLoad("#book-call-back");

        assertThat(browser.path()).isEqualTo("/calls/" + sid);
        assertThat(browser.text(".notice")).contains("Call back booked for " + when, "as a new lead");
        assertThat(browser.text("#call-back-booked")).contains(campaignName, when);
        assertThat(browser.all("#book-call-back")).as("booked once: no second button").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(caller, caller.substring(3));
        browser.screenshot("call-back-booked", 1280);

        browser.clickToLoad("#call-back-booked a[href^='/leads/']");
        assertThat(browser.text("h1")).isEqualTo("Farhan");
        assertThat(jdbc.sql("""
                SELECT s.kind FROM scheduled_calls s JOIN leads l ON l.id = s.lead_id
                WHERE l.phone = ? AND s.campaign_id = ? AND s.state = 'pending' AND s.due_at = ?""")
                .params(caller, campaign, Timestamp.from(asked.toInstant())).query(String.class).list())
                .containsExactly("callback");
    }
}
