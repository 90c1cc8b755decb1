package dev.vaani.call;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Transactions for the call record's writes and the carrier's status callbacks, which fail as a matter of course while
 * PostgreSQL is down or hung and are retried ({@link CallRecordWriter}, the carrier's own retries, the reconciler). Spring's TransactionTemplate logs a rollback that fails after the work failed
 * ("Application exception overridden by rollback exception", a stack trace, at ERROR): on a connection PostgreSQL
 * stopped answering it always does, so every retry of every call logged one. Here the failed rollback is attached to
 * the work's own exception, which the caller logs in one line.
 */
public final class QuietTransactions {

    private final PlatformTransactionManager manager;

    public QuietTransactions(PlatformTransactionManager manager) {
        this.manager = manager;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (and rethrown). */
    public <T> T inOne(Supplier<T> work) {
        return run(new DefaultTransactionDefinition(), work);
    }

    /**
     * As {@link #inOne}, but inside a caller's transaction the work gets a savepoint of its own: when it throws, only
     * its own writes are rolled back and the caller's transaction can still commit what it did before.
     */
    public <T> T inNested(Supplier<T> work) {
        return run(new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED), work);
    }

    private <T> T run(TransactionDefinition definition, Supplier<T> work) {
        TransactionStatus transaction = manager.getTransaction(definition);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                manager.rollback(transaction);
            } catch (RuntimeException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
        manager.commit(transaction);
        return result;
    }
}
