package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder holds every call's number, name and transcript (in Redis's files and PostgreSQL's): it and the
 * embedded servers' folders in it are their owner's alone (700), new or left by an earlier version at 755, and the
 * system Redis writes its files for their owner only, on the real servers.
 */
class DataFolderPermissionsTest {

    private static final Path DEBIAN_REDIS = Path.of(EmbeddedRedis.DEFAULT_BINARY);
    private static final String OWNER_ONLY = "rwx------";

    @TempDir
    Path directory;

    @AfterEach
    void stopRedis() {
        EmbeddedServers.stopRedis(directory.resolve("data/redis"));
    }

    @Test
    void aNewDataFolderAndTheRedisFoldersInItAreTheOwnersAlone() throws Exception {
        assumeThat(Files.isExecutable(DEBIAN_REDIS)).as("Debian's redis-server (scripts/install-redis.sh)").isTrue();
        Path data = directory.resolve("data");
        Path redis = data.resolve("redis");

        EmbeddedServers.redis(redis, DEBIAN_REDIS);
        Path appendOnly = awaitAppendOnlyFiles(redis);

        assertThat(List.of(mode(data), mode(redis), mode(appendOnly))).containsOnly(OWNER_ONLY);
    }

    @Test
    void theSystemRedisWritesItsFilesForTheirOwnerOnly() throws Exception {
        assumeThat(Files.isExecutable(DEBIAN_REDIS)).as("Debian's redis-server (scripts/install-redis.sh)").isTrue();
        Path redis = directory.resolve("data/redis");

        EmbeddedServers.redis(redis, DEBIAN_REDIS);
        awaitAppendOnlyFiles(redis);

        try (Stream<Path> files = Files.walk(redis)) {
            assertThat(files.filter(Files::isRegularFile).toList()).extracting(Path::getFileName).map(Path::toString)
                    .contains("redis.log", "appendonly.aof.manifest");
        }
        try (Stream<Path> files = Files.walk(redis)) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .allSatisfy(file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void anEarlierVersionsOpenRedisFoldersAreClosedAtStart() throws Exception {
        Path data = directory.resolve("data");
        Path redis = data.resolve("redis");
        Path appendOnly = redis.resolve("appendonlydir");
        Files.createDirectories(appendOnly);
        for (Path folder : List.of(data, redis, appendOnly)) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        EmbeddedServers.redis(redis, DEBIAN_REDIS);

        assertThat(List.of(mode(data), mode(redis), mode(appendOnly))).containsOnly(OWNER_ONLY);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theEmbeddedPostgresFolderAndAnEarlierVersionsOpenDataFolderAreTheOwnersAlone() throws Exception {
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(data.resolve("postgres"));
        try {
            assertThat(List.of(mode(data), mode(data.resolve("postgres")))).containsOnly(OWNER_ONLY);
        } finally {
            postgres.stop(); // before the temporary folder goes, or it could not be stopped at exit
        }
    }

    /** Redis 7 writes its append-only folder and files as it starts. */
    private static Path awaitAppendOnlyFiles(Path redis) {
        Path folder = redis.resolve("appendonlydir");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(folder.resolve("appendonly.aof.manifest")));
        return folder;
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
