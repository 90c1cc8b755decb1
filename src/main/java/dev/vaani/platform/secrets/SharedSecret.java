package dev.vaani.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A secret a caller must present; compared in constant time and never shown by toString. */
public final class SharedSecret {

    private final byte[] value;

    public SharedSecret(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a shared secret cannot be empty");
        }
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    public boolean matches(String presented) {
        return presented != null && equalInConstantTime(value, presented.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Compares SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says nothing about how much
     * of the secret matched, nor about its length.
     */
    public static boolean equalInConstantTime(byte[] expected, byte[] presented) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] a = sha256.digest(expected);
            byte[] b = sha256.digest(presented);
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "SharedSecret[****]";
    }
}
