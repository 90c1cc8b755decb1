package dev.vaani.platform.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
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
        if (configured != null && !configured.isBlank()) {
            return new AdminApiKey(configured.strip());
        }
        Path file = dataDirectory.resolve("admin-api-key").toAbsolutePath().normalize();
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file).strip();
                if (!stored.isEmpty()) {
                    log.info("Admin API key: read from {}", file);
                    return new AdminApiKey(stored);
                }
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = "vaani_" + HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated + System.lineSeparator());
            log.warn("Admin API key (generated, saved in {}): {}", file, generated);
            return new AdminApiKey(generated);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the admin API key file " + file, e);
        }
    }

    /** Constant-time comparison, so response timing says nothing about the key. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(key, candidate.strip().getBytes(StandardCharsets.UTF_8));
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
