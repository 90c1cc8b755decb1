package dev.vaani.crm;

import dev.vaani.call.ErasedNumbers;
import dev.vaani.phone.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Numbers of erased leads, which must never be called again. Only a keyed hash of each is kept: HMAC-SHA256 of the
 * E.164 number under SUPPRESSION_KEY (generated into the data folder when not set). A plain SHA-256 would not do:
 * an Indian mobile number has ten digits, so all of them can be hashed in minutes and the table read back.
 *
 * <p>Anything that would create a lead or place a call with a number asks {@link #isSuppressed} first: the API's
 * create and update, the CSV import, and the dialer. A call coming in from such a number is answered as one from a
 * withheld number ({@link ErasedNumbers}).
 */
@Component
public class Suppressions implements ErasedNumbers {

    /** What a refusal says: why, never the number. */
    public static final String REASON = "this number's owner asked to be erased and never called again";

    private final JdbcClient jdbc;
    private final SecretKeySpec key;

    Suppressions(JdbcClient jdbc, @Value("${vaani.privacy.suppression-key}") String key) {
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * Makes this transaction's check of new numbers and their insert one step as far as erasures go: it waits for an
     * erasure in progress, and an erasure waits for it. Without it, an import that checked a number just before its
     * lead's erasure committed would store it again once the erased lead no longer held it. Shared among imports and
     * creates; {@link #lockOutNewNumbers} is the erasure's exclusive side. Call inside the transaction, before the
     * check.
     */
    public void awaitErasures() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(" + NEW_NUMBERS_LOCK + ", 0)").query().listOfRows();
    }

    /** The erasure's side of {@link #awaitErasures}: no number is checked and stored while it runs. */
    void lockOutNewNumbers() {
        jdbc.sql("SELECT pg_advisory_xact_lock(" + NEW_NUMBERS_LOCK + ", 0)").query().listOfRows();
    }

    /**
     * Advisory lock class of new numbers against erasures. Not 7412 (a lead's calls: the dialer, erasure, call
     * records) nor 7413 (the Exotel account's lines, taken by the dialer before 7412): sharing 7413 made an import
     * wait for every claim of a line, and an erasure (7412, then this) and a claim (7413, then 7412) wait for each other.
     */
    private static final int NEW_NUMBERS_LOCK = 7414;

    /**
     * Tells this key from another without revealing it: the keyed hash of a fixed text ({@link SuppressionKeyCheck}).
     */
    String keyFingerprint() {
        return hash("vaani suppression key fingerprint");
    }

    /** Whether the number (E.164, or any way {@link PhoneNumbers} reads) belongs to an erased lead. */
    public boolean isSuppressed(String phone) {
        String e164 = e164(phone);
        return e164 != null && jdbc.sql("SELECT EXISTS (SELECT 1 FROM suppressed_numbers "
                        + "WHERE company = 'default' AND phone_hmac = ?)")
                .param(hash(e164)).query(Boolean.class).single();
    }

    /**
     * {@link #isSuppressed} for many numbers (a CSV import): the hashes are read once, not one query a row. Takes
     * E.164 numbers.
     */
    public java.util.function.Predicate<String> snapshot() {
        java.util.Set<String> hashes = java.util.Set.copyOf(jdbc.sql(
                "SELECT phone_hmac FROM suppressed_numbers WHERE company = 'default'").query(String.class).list());
        return e164 -> !hashes.isEmpty() && hashes.contains(hash(e164));
    }

    @Override
    public boolean isErased(String phone) {
        return isSuppressed(phone);
    }

    /** Keeps the number as never to be called again; called inside the erasure's transaction. */
    void suppress(String e164) {
        jdbc.sql("INSERT INTO suppressed_numbers (company, phone_hmac) VALUES ('default', ?) ON CONFLICT DO NOTHING")
                .param(hash(e164)).update();
    }

    /** The keyed hash (hex) of an E.164 number. */
    String hash(String e164) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String e164(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return PhoneNumbers.parse(phone) instanceof PhoneNumbers.Accepted(String e164) ? e164 : null;
    }

    @Override
    public String toString() {
        return "Suppressions[key ****]";
    }
}
