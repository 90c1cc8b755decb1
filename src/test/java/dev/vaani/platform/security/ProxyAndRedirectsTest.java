package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Behind the TLS proxy the README recommends (trusted as Tomcat's RemoteIpValve trusts private and loopback
 * addresses, as this test's client is), a request the proxy says came over HTTPS is secure and the session cookie
 * says so; every redirect is a path on this server, whatever the Host header claims.
 */
class ProxyAndRedirectsTest extends VaaniIntegrationTest {

    private static final String FORGED_HOST = "Host: evil.example";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void aSignInRedirectIsAPathWhateverTheHostHeaderSays() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/", FORGED_HOST);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/login");
    }

    @Test
    void theApiDocsSendABrowserToSignInByAPathWhateverTheHostHeaderSays() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/swagger-ui/index.html", FORGED_HOST, "Accept: text/html");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/login");
    }

    @Test
    void afterSigningInTheBrowserReturnsToThePageItAskedForByAPath() throws Exception {
        String session = cookie(RawHttp.get(port, "/leads?q=a%20b", FORGED_HOST));

        RawHttp.Response signedIn = signIn(session);

        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).isEqualTo("/leads?q=a%20b");
    }

    @Test
    void anApplicationRedirectIsAPathWhateverTheHostHeaderSays() throws Exception {
        String signedIn = cookie(signIn(cookie(RawHttp.get(port, "/login", FORGED_HOST))));

        RawHttp.Response response = RawHttp.get(port, "/login", FORGED_HOST, "Cookie: " + signedIn);

        assertThat(response.status()).as("a signed-in operator is sent home").isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/");
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecure() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/login", "X-Forwarded-Proto: https",
                "X-Forwarded-For: 203.0.113.9");

        assertThat(response.header("Set-Cookie")).contains("JSESSIONID=", "Secure", "HttpOnly", "SameSite=Lax");
    }

    @Test
    void behindATlsProxyAnswersTellTheBrowserToKeepToHttps() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/login", "X-Forwarded-Proto: https");

        assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=");
    }

    @Test
    void overPlainHttpTheSessionCookieIsNotMarkedSecureSoALocalConsoleWorks() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/login");

        assertThat(response.header("Set-Cookie")).contains("JSESSIONID=").doesNotContain("Secure");
    }

    /** Signs in through the form, in the session of the given cookie, with the forged Host header. */
    private RawHttp.Response signIn(String session) throws Exception {
        Matcher csrf = CSRF.matcher(RawHttp.get(port, "/login", FORGED_HOST, "Cookie: " + session).body());
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
        return RawHttp.send(port, "POST", "/login", List.of(FORGED_HOST, "Cookie: " + session,
                        "Content-Type: application/x-www-form-urlencoded"),
                ("key=" + URLEncoder.encode(adminApiKey.value(), StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(RawHttp.Response response) {
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).as("a session cookie").isNotNull();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
