package dev.vaani.console;

import dev.vaani.testing.VaaniIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A console test in a real headless Chromium: one browser for the class, on the test server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest extends VaaniIntegrationTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.onTestServer(port);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
