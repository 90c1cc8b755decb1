package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The campaign page's progress bar in a real browser (headless Chromium), whose Content-Security-Policy blocks inline
 * styles: the bar shows the campaign's progress as soon as the page loads, not only after a live refresh, which a
 * paused campaign may never get.
 */
class CampaignProgressBrowserTest extends BrowserTest {

    @Test
    void aPausedCampaignHalfDoneShowsTheDonePartOfTheBarHalfFullAsSoonAsItsPageLoads() {
        long campaign = jdbc.sql("INSERT INTO campaigns (name, status) VALUES (?, 'paused') RETURNING id")
                .param("Progress " + UUID.randomUUID().toString().substring(0, 6)).query(Long.class).single();
        addLeadWithLatestCall(campaign, "completed");
        addLeadWithLatestCall(campaign, "pending");

        signInAndOpen("/campaigns/" + campaign);

        assertThat(browser.text("[data-count=done]")).isEqualTo("1");
        assertThat(widthOf("#progress .seg.done") / widthOf("#progress .bar")).isCloseTo(0.5, within(0.01));
    }

    private void addLeadWithLatestCall(long campaign, String state) {
        long lead = insertLead("Lead " + state, uniquePhone());
        jdbc.sql("INSERT INTO campaign_leads (campaign_id, lead_id) VALUES (?, ?)").params(campaign, lead).update();
        // due next week: the dialer must not pick the pending one up while the page is looked at
        Timestamp nextWeek = Timestamp.from(Instant.now().plus(7, ChronoUnit.DAYS));
        jdbc.sql("""
                INSERT INTO scheduled_calls (lead_id, campaign_id, not_before, due_at, attempt, kind, state)
                VALUES (?, ?, ?, ?, 1, 'first', ?)""").params(lead, campaign, nextWeek, nextWeek, state).update();
    }

    /** The width Chromium laid the element out at, after the page's CSS and scripts, in CSS pixels. */
    private double widthOf(String css) {
        Object width = browser.driver().executeScript(
                "return parseFloat(getComputedStyle(arguments[0]).width)", browser.find(css));
        return ((Number) width).doubleValue();
    }
}
