package dev.vaani.platform.secrets;

import dev.vaani.platform.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets Vaani generates for itself when the operator sets none, each kept in one file in the data folder so
 * it survives restarts and the local tools (simulator, local Exotel) can find it. Files are created readable by
 * the owner only (posix 600) and never overwritten: a second start reads what the first one wrote.
 */
public enum LocalSecret {

    ADMIN_API_KEY("admin-api-key", "ADMIN_API_KEY", "vaani.admin.api-key", "vaani_"),
    MEDIA_SECRET("media-secret", "MEDIA_SECRET", "vaani.call.media-secret", "media_"),
    WEBHOOK_SECRET("exotel-webhook-secret", "EXOTEL_WEBHOOK_SECRET", "vaani.exotel.webhook-secret", "hook_"),
    /**
     * Keys the hashes of erased leads' numbers (crm.Suppressions). Losing it forgets who may never be called again,
     * so it is kept like the others and backed up with the data folder.
     */
    SUPPRESSION_KEY("suppression-key", "SUPPRESSION_KEY", "vaani.privacy.suppression-key", "supp_");

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The fewest characters a chosen secret may have: each guards a door anyone on the internet can knock on, and
     * guesses spread over many addresses are not slowed down. A generated one has 48 random hex digits.
     */
    public static final int MIN_LENGTH = 16;
    /** Fewer different characters than this is a pattern ("aaaa…", "abab…", "1234…"), however long. */
    private static final int MIN_DISTINCT_CHARACTERS = 5;
    /** What .env.example shows in place of a secret, and is sometimes copied as it stands. */
    private static final String PLACEHOLDER = "long-random-string";

    private final String fileName;
    private final String variable;
    private final String property;
    private final String prefix;

    LocalSecret(String fileName, String variable, String property, String prefix) {
        this.fileName = fileName;
        this.variable = variable;
        this.property = property;
        this.prefix = prefix;
    }

    /** The file name in the data folder, e.g. {@code media-secret}. */
    public String fileName() {
        return fileName;
    }

    /** The environment variable that sets it, e.g. {@code MEDIA_SECRET}. */
    public String variable() {
        return variable;
    }

    /** The configuration property the variable maps onto in application.yml. */
    public String property() {
        return property;
    }

    public Path file(Path dataDirectory) {
        return dataDirectory.resolve(fileName).toAbsolutePath().normalize();
    }

    /** What {@link #resolve} did, for the one log line the caller writes. */
    public record Resolved(String value, Path file, boolean generated) {
        @Override
        public String toString() {
            return "Resolved[****, " + file + ", generated=" + generated + "]";
        }
    }

    /**
     * The configured value when not blank; otherwise the one kept in the data folder, generated and saved there on
     * first use. {@code file} is null when the value was configured.
     *
     * @throws InvalidConfigurationException when a configured (or hand-written) secret is too short or a pattern
     */
    public Resolved resolve(String configured, Path dataDirectory) {
        if (configured != null && !configured.isBlank()) {
            return new Resolved(requireStrong(configured.strip(), null), null, false);
        }
        Path file = file(dataDirectory);
        try {
            Optional<String> stored = read(file);
            if (stored.isPresent()) {
                return new Resolved(requireStrong(stored.get(), file), file, false);
            }
            String generated = prefix + HexFormat.of().formatHex(randomBytes());
            if (writeOwnerOnly(file, generated)) {
                return new Resolved(generated, file, true);
            }
            // Another process created it between our read and write: use theirs.
            return new Resolved(read(file).orElseThrow(() -> new IOException(file + " is empty")), file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the " + variable + " file " + file
                    + " (set " + variable + " or make VAANI_DATA_DIR writable)", e);
        }
    }

    /** The value kept in the data folder, if any (never creates one): for the local tools. */
    public Optional<String> stored(Path dataDirectory) {
        try {
            return read(file(dataDirectory));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The value itself is never part of the message: start-up failures are printed and logged. */
    private String requireStrong(String value, Path file) {
        String problem = null;
        if (value.length() < MIN_LENGTH) {
            problem = "is shorter than " + MIN_LENGTH + " characters";
        } else if (value.equalsIgnoreCase(PLACEHOLDER)) {
            problem = "is the placeholder from .env.example";
        } else if (value.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            problem = "is a few characters repeated";
        }
        if (problem == null) {
            return value;
        }
        String fix = file == null
                ? ": set it to at least " + MIN_LENGTH + " random characters (e.g. the output of"
                        + " `openssl rand -hex 24`), or leave it unset and Vaani generates one"
                : " (read from " + file + "): delete that file and Vaani generates a new one, or set " + variable;
        throw new InvalidConfigurationException(variable, problem + fix);
    }

    private static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return random;
    }

    /** Writes a new file readable by its owner only, atomically; false when the file already exists. */
    private static boolean writeOwnerOnly(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temporary = posix
                ? Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, value + System.lineSeparator(), StandardCharsets.UTF_8);
            if (Files.exists(file)) {
                return false;
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
