package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A file over the import limit (10 MB), chosen on a campaign page in a real browser (headless Chromium), is refused on
 * that page saying how large a file may be, without being sent: it used to upload and end on the container's bare 413
 * error page, in UTC, with no way back.
 */
class OversizedImportBrowserTest extends BrowserTest {

    @TempDir Path files;

    @Test
    void aFileOverTheImportLimitIsRefusedOnThePageWithoutBeingSent() throws IOException {
        long campaign = jdbc.sql("INSERT INTO campaigns (name) VALUES (?) RETURNING id")
                .param("Big import " + UUID.randomUUID().toString().substring(0, 6)).query(Long.class).single();
        Path big = files.resolve("leads.csv");
        Files.writeString(big, "name,phone\n");
        try (RandomAccessFile sized = new RandomAccessFile(big.toFile(), "rw")) {
            sized.setLength(10L * 1024 * 1024 + 1);
        }
        signInAndOpen("/campaigns/" + campaign);

        browser.find("#file").sendKeys(big.toString());

        browser.await(WAIT, ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("import-error")));
        assertThat(browser.text("#import-error")).isEqualTo(
                "That file is larger than 10 MB, the most one import takes: split it into smaller files and import each.");
        assertThat(browser.path()).isEqualTo("/campaigns/" + campaign);
    }
}
