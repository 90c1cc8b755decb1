package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A broker honours "delete my data, never call me again" from the lead's page in a real browser (headless Chromium):
 * the erase button does nothing until the confirmation is ticked, then the page shows an erased lead with nothing
 * personal on it, and the lead list says so too.
 */
class LeadErasureBrowserTest extends BrowserTest {

    @Test
    void theBrokerErasesALeadFromItsPageAfterConfirming() {
        String phone = uniquePhone();
        String name = "Meera " + UUID.randomUUID().toString().substring(0, 6);
        long lead = jdbc.sql("INSERT INTO leads (name, phone, email, location) VALUES (?, ?, 'meera@example.com', "
                + "'Baner') RETURNING id").params(name, phone).query(Long.class).single();
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                INSERT INTO call_sessions (call_sid, lead_id, status, to_number, transcript, final_outcome,
                                           ended_at, media_ended_at, next_step_decided_at)
                VALUES (?, ?, 'completed', ?, CAST(? AS jsonb), 'not_interested', now(), now(), now())""")
                .params(sid, lead, phone, "[{\"speaker\":\"user\",\"text\":\"This is " + name + ", delete my data\"}]")
                .update();

        browser.open("/leads/" + lead);
        browser.find("#key").sendKeys(adminApiKey.value());
        browser.clickToLoad("button[type=submit]");
        browser.await(WAIT, ExpectedConditions.urlToBe("http://127.0.0.1:" + port + "/leads/" + lead));
        assertThat(browser.text("h1")).isEqualTo(name);

        browser.find("#erase").click(); // not confirmed: the browser keeps the form
        assertThat(browser.path()).isEqualTo("/leads/" + lead);
        assertThat(jdbc.sql("SELECT erased_at IS NULL FROM leads WHERE id = ?").param(lead).query(Boolean.class).single())
                .as("nothing erased without the confirmation").isTrue();

        browser.find("#erase-confirm").click();
        browser.clickToLoad("#erase");

        assertThat(browser.path()).isEqualTo("/leads/" + lead);
        assertThat(browser.text(".notice")).contains("Erased", "1 call(s)", "never be called again");
        assertThat(browser.text("h1")).isEqualTo("Erased lead");
        assertThat(browser.find("#erased-badge").getText()).isEqualTo("erased");
        assertThat(browser.all("#erase")).as("nothing left to erase").isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(name, phone.substring(3), "meera@example.com",
                "Baner");
        assertThat(browser.all("a.sid")).as("its call is still listed, with its outcome").hasSize(1);
        browser.screenshot("lead-erased", 1280);

        browser.open("/calls/" + sid);
        assertThat(browser.driver().getPageSource()).as("the call's page").doesNotContain(name, phone.substring(3),
                "delete my data");

        browser.open("/leads");
        assertThat(browser.find("a[href='/leads/" + lead + "']").getText()).isEqualTo("Erased lead");
    }
}
