package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vaani.testing.VaaniIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An import of a number while that number's lead is being erased: whichever order the two commit in, the number does
 * not come back as a new lead.
 */
class ErasureDuringImportTest extends VaaniIntegrationTest {

    @Autowired DataSource dataSource;
    @Autowired LeadImport imports;
    @Autowired Suppressions suppressions;

    @Test
    void anImportThatStartsWhileTheLeadIsBeingErasedDoesNotStoreTheNumberAgain() throws Exception {
        String phone = uniquePhone();
        long lead = insertLead("Being Erased", phone);

        // An erasure part way through its transaction, as LeadErasure runs it: the new-numbers lock, the number
        // suppressed, the lead emptied; not committed yet.
        try (Connection erasure = dataSource.getConnection()) {
            erasure.setAutoCommit(false);
            erasure.createStatement().execute("SELECT pg_advisory_xact_lock(7414, 0)");
            try (PreparedStatement suppress = erasure.prepareStatement(
                    "INSERT INTO suppressed_numbers (company, phone_hmac) VALUES ('default', ?)")) {
                suppress.setString(1, suppressions.hash(phone));
                suppress.executeUpdate();
            }
            try (PreparedStatement empty = erasure.prepareStatement("""
                    UPDATE leads SET name = NULL, phone = NULL, do_not_call = TRUE, erased_at = now() WHERE id = ?""")) {
                empty.setLong(1, lead);
                empty.executeUpdate();
            }
            CompletableFuture<ImportResult> imported = CompletableFuture.supplyAsync(
                    () -> imports.importCsv("name,phone\nBack Again,0" + phone.substring(3) + "\n", null, true));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                       AND datname = current_database()""").query(Integer.class).single() > 0);

            erasure.commit();

            ImportResult result = imported.get(30, TimeUnit.SECONDS);
            assertThat(result.created()).isZero();
            assertThat(result.errors()).singleElement().extracting(ImportResult.RowError::reason)
                    .isEqualTo(Suppressions.REASON);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM leads WHERE phone = ?").param(phone).query(Integer.class).single())
                .isZero();
    }
}
