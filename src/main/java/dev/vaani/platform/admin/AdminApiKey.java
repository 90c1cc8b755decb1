package dev.vaani.platform.admin;

import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.platform.secrets.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key the admin API requires: ADMIN_API_KEY, or a random key generated once and kept in the data folder so it
 * survives restarts. Like every secret it is never logged: the log says which file holds a generated one.
 */
public final class AdminApiKey {

    private static final Logger log = LoggerFactory.getLogger(AdminApiKey.class);

    private final byte[] key;

    private AdminApiKey(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    public static AdminApiKey resolve(String configured, Path dataDirectory) {
        LocalSecret.Resolved resolved = LocalSecret.ADMIN_API_KEY.resolve(configured, dataDirectory);
        if (resolved.generated()) {
            // Nothing of the key, not even a prefix: logs outlive the data folder's owner-only file and reach whoever
            // reads them, and a known prefix narrows a guess.
            log.warn("ADMIN_API_KEY is not set: generated an admin key and saved it in {} (owner-only); "
                    + "`cat {}` shows it. Set ADMIN_API_KEY to choose your own.", resolved.file(), resolved.file());
        } else if (resolved.file() != null) {
            log.info("Admin API key: read from {}", resolved.file());
        }
        return new AdminApiKey(resolved.value());
    }

    /** Constant-time comparison (of digests, so not even the length shows in the timing). */
    public boolean matches(String candidate) {
        return candidate != null && SharedSecret.equalInConstantTime(key, candidate.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** For tests and tools running in the same process. */
    public String value() {
        return new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "AdminApiKey[****]";
    }
}
