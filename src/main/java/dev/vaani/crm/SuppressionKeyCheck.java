package dev.vaani.crm;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refuses to start with a SUPPRESSION_KEY other than the one the suppressed numbers were hashed with. Each instance
 * generates its own key into its data folder when the variable is not set, so a second instance on a shared database,
 * or a server moved without its data folder, used to recognise no erased number at all: the person could be imported
 * and called again, and nothing said so. PostgreSQL keeps a fingerprint of the key; the first instance stores it, and a
 * key that differs is taken over only while no number depends on it.
 */
@Component
class SuppressionKeyCheck {

    SuppressionKeyCheck(JdbcClient jdbc, TransactionTemplate transactions, Suppressions suppressions) {
        verify(jdbc, transactions, suppressions.keyFingerprint());
    }

    static void verify(JdbcClient jdbc, TransactionTemplate transactions, String fingerprint) {
        transactions.executeWithoutResult(status -> {
            // one instance at a time, so two starting together on an empty table cannot store different keys
            jdbc.sql("SELECT pg_advisory_xact_lock(7415, 0)").query().listOfRows();
            String stored = jdbc.sql("SELECT fingerprint FROM suppression_key WHERE company = 'default'")
                    .query(String.class).optional().orElse(null);
            if (fingerprint.equals(stored)) {
                return;
            }
            long suppressed = jdbc.sql("SELECT count(*) FROM suppressed_numbers WHERE company = 'default'")
                    .query(Long.class).single();
            if (stored != null && suppressed > 0) {
                throw new SuppressionKeyChanged(suppressed);
            }
            jdbc.sql("""
                    INSERT INTO suppression_key (company, fingerprint) VALUES ('default', ?)
                    ON CONFLICT (company) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, set_at = now()""")
                    .param(fingerprint).update();
        });
    }
}
