package dev.vaani.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A random secret generated once and kept in a file only its owner can read (mode 600), e.g. an embedded server's password. */
public final class StoredSecret {

    private StoredSecret() {
    }

    /** The secret in {@code file}, generated (32 random bytes, hex) and written there on first use. */
    public static String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String stored = Files.readString(file).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
                Files.delete(file);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                return readOrCreate(file);
            }
            Files.writeString(file, secret + System.lineSeparator());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret in " + file, e);
        }
    }
}
