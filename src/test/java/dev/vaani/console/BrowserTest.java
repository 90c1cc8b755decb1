package dev.vaani.console;

import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A console test in a real headless Chromium: one browser for the class, on the test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends VaaniIntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.onTestServer(port);
    }

    /** Opens the console page at {@code path}, signing in with the admin key first when the console asks. */
    protected void signInAndOpen(String path) {
        browser.open(path);
        if (browser.path().startsWith("/login")) {
            browser.find("#key").sendKeys(adminApiKey.value());
            browser.clickToLoad("button[type=submit]");
            browser.await(WAIT, ExpectedConditions.urlToBe("http://127.0.0.1:" + port + path));
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
