package dev.vaani.platform.admin;

import dev.vaani.platform.secrets.LocalSecret;
import dev.vaani.platform.secrets.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key the admin API requires: ADMIN_API_KEY, or a random key generated once and kept in the data folder so it
 * survives restarts. A generated key is logged once, when it is created, so the operator can copy it.
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
            // The one time it is shown: the operator needs it to use the API at all.
            log.warn("Admin API key (generated, saved in {}, owner-only; shown only this once): {}",
                    resolved.file(), resolved.value());
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
