package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A call's collected answers and the campaign form's question keys, in a real browser (headless Chromium): the broker
 * reads people's words ("Financing: home loan", "Budget: up to ₹80 lakh"), never the stored codes, and the form says
 * which keys the agent understands.
 */
class CollectedAnswersBrowserTest extends BrowserTest {

    @Test
    void aCallsPageShowsWhatTheLeadSaidInWords() {
        String phone = uniquePhone();
        long lead = insertLead("Anita Rao", phone);
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, lead_id, status, to_number, collected_data, final_outcome,
                                           ended_at, media_ended_at, next_step_decided_at)
                VALUES (?, ?, 'completed', ?, CAST(? AS jsonb), 'qualified', now(), now(), now())""")
                .params(sid, lead, phone, """
                        {"financing": "home_loan", "budget": "up to ₹80L", "budget_min_rupees": 0,
                         "budget_max_rupees": 8000000}""")
                .update();

        signInAndOpen("/calls/" + sid);

        assertThat(browser.all("#collected dt")).extracting(dt -> dt.getText() + ": "
                        + dt.findElement(By.xpath("following-sibling::dd[1]")).getText())
                .containsExactly("Budget: up to ₹80 lakh", "Financing: home loan");
    }

    @Test
    void theCampaignFormSaysWhichQuestionKeysTheAgentUnderstands() {
        signInAndOpen("/campaigns/new");

        assertThat(browser.text("#keys-help")).contains("property_type", "location", "budget", "timeline", "purpose",
                "financing");
        assertThat(browser.find("[id='questions0.key']").getAttribute("aria-describedby")).isEqualTo("keys-help");
    }
}
