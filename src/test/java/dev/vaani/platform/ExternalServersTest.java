package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.VaaniApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** With DATABASE_URL and REDIS_URL set, the server uses those servers and starts nothing embedded. */
class ExternalServersTest {

    @TempDir
    Path dataDirectory;

    @Test
    void usesTheServersNamedByTheEnvironment() {
        // "External" servers for this test: the shared embedded ones, addressed by URL like any other server.
        EmbeddedServers.Postgres postgres = EmbeddedServers.postgres(Path.of("target/test-data/postgres"));
        EmbeddedServers.Redis redis = EmbeddedServers.redis(Path.of("target/test-data/redis"));
        String databaseUrl = "postgresql+asyncpg://postgres:" + postgres.password() + "@127.0.0.1:" + postgres.port() + "/postgres";

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VaaniApplication.class)
                .properties("DATABASE_URL=" + databaseUrl, "REDIS_URL=" + redis.url(),
                        "VAANI_DATA_DIR=" + dataDirectory, "server.port=0", "db-scheduler.enabled=false")
                .run()) {
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
            assertThat(context.getBean(StringRedisTemplate.class).getConnectionFactory().getConnection().ping())
                    .isEqualTo("PONG");
            assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                    .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres");
        }
        assertThat(Files.exists(dataDirectory.resolve("postgres"))).isFalse();
        assertThat(Files.exists(dataDirectory.resolve("redis"))).isFalse();
    }
}
