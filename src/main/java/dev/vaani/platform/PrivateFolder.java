package dev.vaani.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder only its owner may enter (mode 700), for the data the embedded servers keep: every call's number, name
 * and transcript. With the folder closed, the files in it are out of other users' reach whatever mode the server
 * gave them. A folder from an earlier version, made with the default umask (755), is closed too.
 */
final class PrivateFolder {

    private static final Logger log = LoggerFactory.getLogger(PrivateFolder.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateFolder() {
    }

    /** Creates {@code folder} owner-only, or makes it so; the folders above it are left as they are. */
    static Path ensure(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        if (!absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createDirectories(absolute); // no POSIX modes to set (Windows)
        }
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException existing) {
            if (!Files.isDirectory(absolute)) {
                throw existing;
            }
        }
        if (Files.getPosixFilePermissions(absolute).equals(OWNER_ONLY)) {
            return absolute;
        }
        try {
            Files.setPosixFilePermissions(absolute, OWNER_ONLY);
        } catch (IOException notOurs) {
            log.warn("Could not make {} readable by its owner only (mode 700): {}. It holds call data; make it so"
                    + " (chmod 700) or give it to the user Vaani runs as", absolute, notOurs.toString());
        }
        return absolute;
    }
}
