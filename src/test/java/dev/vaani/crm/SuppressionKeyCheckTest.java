package dev.vaani.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaani.testing.VaaniIntegrationTest;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A server refuses to start with a SUPPRESSION_KEY other than the one the suppressed numbers were hashed with: a
 * second instance that generated its own key would recognise no erased number. Each case runs in a transaction that
 * is rolled back, on a database whose key record and suppressed numbers it sets itself.
 */
class SuppressionKeyCheckTest extends VaaniIntegrationTest {

    private static final String FIRST_KEY = new Suppressions(null, "first-instance-suppression-key").keyFingerprint();
    private static final String OTHER_KEY = new Suppressions(null, "other-instance-suppression-key").keyFingerprint();

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    @Test
    void theFirstInstanceStoresItsKeysFingerprint() {
        inRolledBackTransaction(numbersSuppressed -> {
            SuppressionKeyCheck.verify(jdbc, transactions, FIRST_KEY);

            assertThat(storedFingerprint()).isEqualTo(FIRST_KEY);
        });
    }

    @Test
    void theSameKeyStartsAgain() {
        inRolledBackTransaction(numbersSuppressed -> {
            SuppressionKeyCheck.verify(jdbc, transactions, FIRST_KEY);
            numbersSuppressed.accept(3);

            SuppressionKeyCheck.verify(jdbc, transactions, FIRST_KEY);

            assertThat(storedFingerprint()).isEqualTo(FIRST_KEY);
        });
    }

    @Test
    void anotherKeyIsRefusedWhileNumbersHashedWithTheFirstAreSuppressed() {
        inRolledBackTransaction(numbersSuppressed -> {
            SuppressionKeyCheck.verify(jdbc, transactions, FIRST_KEY);
            numbersSuppressed.accept(2);

            assertThatThrownBy(() -> SuppressionKeyCheck.verify(jdbc, transactions, OTHER_KEY))
                    .isInstanceOf(SuppressionKeyChanged.class)
                    .hasMessageContaining("2 suppressed number(s)")
                    .hasMessageNotContaining("first-instance-suppression-key");
        });
    }

    @Test
    void anotherKeyTakesOverWhileNoNumberDependsOnTheFirst() {
        inRolledBackTransaction(numbersSuppressed -> {
            SuppressionKeyCheck.verify(jdbc, transactions, FIRST_KEY);

            SuppressionKeyCheck.verify(jdbc, transactions, OTHER_KEY);

            assertThat(storedFingerprint()).isEqualTo(OTHER_KEY);
        });
    }

    private String storedFingerprint() {
        return jdbc.sql("SELECT fingerprint FROM suppression_key WHERE company = 'default'").query(String.class).single();
    }

    /** Runs the case on an empty key record and suppression list; the consumer suppresses that many numbers. */
    private void inRolledBackTransaction(Consumer<Consumer<Integer>> testCase) {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.sql("DELETE FROM suppression_key").update();
            jdbc.sql("DELETE FROM suppressed_numbers").update();
            testCase.accept(count -> {
                for (int i = 0; i < count; i++) {
                    jdbc.sql("INSERT INTO suppressed_numbers (company, phone_hmac) VALUES ('default', ?)")
                            .param("%064x".formatted(i + 1)).update();
                }
            });
        });
    }
}
