package dev.vaani.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A PostgreSQL connection taken from DATABASE_URL, in any of the forms users paste: the sketch's
 * {@code postgresql+asyncpg://user:pass@host:5432/db}, {@code postgresql://} or {@code postgres://}, and
 * {@code jdbc:postgresql://}.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    static final String VARIABLE = "DATABASE_URL";

    public static DatabaseUrl parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("is empty");
        }
        String value = raw.trim();
        if (value.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return parseJdbc(value);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("postgresql") || scheme.equals("postgres") || scheme.startsWith("postgresql+"))) {
            throw invalid("has scheme '" + scheme + "'; expected postgresql://user:pass@host:5432/db "
                    + "(postgresql+asyncpg:// and jdbc:postgresql:// are accepted too)");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw invalid("has no host; expected postgresql://user:pass@host:5432/db");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw invalid("has no database name; expected postgresql://user:pass@host:5432/db");
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + hostPart + ":" + port + "/" + database + query, user, password);
    }

    private static DatabaseUrl parseJdbc(String value) {
        if (!value.regionMatches(true, 0, "jdbc:postgresql://", 0, 18)) {
            throw invalid("is a JDBC URL for another database; expected jdbc:postgresql://host:5432/db");
        }
        DatabaseUrl plain = parse(value.substring(5));
        return plain;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static InvalidConfigurationException invalid(String problem) {
        return new InvalidConfigurationException(VARIABLE, problem);
    }

    /** Safe for logs: no password. */
    public String describe() {
        return jdbcUrl.replaceAll("([?&]password=)[^&]*", "$1****") + (username == null ? "" : " as " + username);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + describe() + "]";
    }
}
