package dev.vaani.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql+asyncpg://vaani:s3cret@db.example.com:5433/calls",
            "postgresql://vaani:s3cret@db.example.com:5433/calls",
            "postgres://vaani:s3cret@db.example.com:5433/calls",
            "jdbc:postgresql://vaani:s3cret@db.example.com:5433/calls"})
    void acceptsEveryFormUsersPaste(String raw) {
        DatabaseUrl url = DatabaseUrl.parse(raw);

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/calls");
        assertThat(url.username()).isEqualTo("vaani");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @ParameterizedTest
    @CsvSource({
            "postgresql://db/calls, jdbc:postgresql://db:5432/calls",
            "jdbc:postgresql://localhost:5432/calls?user=a&password=b, jdbc:postgresql://localhost:5432/calls?user=a&password=b",
            "postgresql://u@db:6000/calls?sslmode=require, jdbc:postgresql://db:6000/calls?sslmode=require"})
    void keepsDefaultsAndQueryParameters(String raw, String expectedJdbc) {
        assertThat(DatabaseUrl.parse(raw).jdbcUrl()).isEqualTo(expectedJdbc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass%40word", "p%3Ass"})
    void decodesPercentEncodedPasswords(String encoded) {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://user:" + encoded + "@db/calls");

        assertThat(url.password()).isEqualTo(java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://u:p@db/calls", "postgresql://u:p@/calls", "postgresql://u:p@db", "not a url at all",
            "jdbc:mysql://db/calls", "  "})
    void rejectsMalformedUrlsWithAMessageNamingTheVariable(String raw) {
        assertThatThrownBy(() -> DatabaseUrl.parse(raw))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("DATABASE_URL ");
    }

    @org.junit.jupiter.api.Test
    void neverShowsThePasswordWhenDescribed() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://vaani:topsecret@db/calls");

        assertThat(url.describe()).doesNotContain("topsecret");
        assertThat(url.toString()).doesNotContain("topsecret");
    }
}
