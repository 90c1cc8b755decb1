package dev.vaani.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.platform.admin.AdminApiKey;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Guessing keys from one address is slowed down: after 10 failed authentications within a minute (the defaults, so a
 * context of its own: the shared one has no lockout) that address's attempts get 429 with Retry-After, for the admin
 * key, the webhook secret, the media secret and the console's sign-in alike, while another address and requests
 * without a key are served as before. Each test's client has an address of its own, told by X-Forwarded-For as a
 * proxy on this machine tells it. Not run beside other classes: it captures the process's output, which a class
 * capturing it at the same time would lose (DialerRefusedStatementTest did, once, in CI).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthenticationLockoutTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String WRONG_KEY = "vaani_wrong-key-guess-0123";

    @LocalServerPort
    int port;

    @Autowired
    AdminApiKey adminApiKey;

    @Value("${vaani.exotel.webhook-secret}")
    String webhookSecret;

    @Value("${vaani.call.media-secret}")
    String mediaSecret;

    private final String address = "203.0.113." + ADDRESSES.incrementAndGet();

    private RawHttp.Response api(String from, String key) throws Exception {
        return RawHttp.get(port, "/api/leads", "X-Forwarded-For: " + from, "X-API-Key: " + key);
    }

    private void failTenTimes(String from) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(api(from, WRONG_KEY + i).status()).as("failure %d", i + 1).isEqualTo(401);
        }
    }

    @Test
    void afterTenWrongAdminKeysTheAddressGets429WithRetryAfterEvenWithTheRightKey() throws Exception {
        failTenTimes(address);

        RawHttp.Response refused = api(address, adminApiKey.value());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 300);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.body()).contains("Too many failed authentications");
    }

    @Test
    void theRightKeyFromAnotherAddressIsServed() throws Exception {
        failTenTimes(address);

        assertThat(api("198.51.100." + ADDRESSES.incrementAndGet(), adminApiKey.value()).status()).isEqualTo(200);
    }

    /**
     * A host on the server's network that is no proxy named in TRUSTED_PROXIES (unset here: loopback only) cannot
     * escape its lockout by naming a new client address in X-Forwarded-For each time: its own address is counted.
     * This machine's private (or else any non-loopback) address stands for such a host: Tomcat's defaults trusted
     * every private one.
     */
    @Test
    void aHostThatIsNoTrustedProxyIsCountedByItsOwnAddressWhateverItForwards() throws Exception {
        InetAddress host = nonLoopbackAddress();
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.get(host, port, "/api/leads", "X-Forwarded-For: 198.51.100." + ADDRESSES.incrementAndGet(),
                    "X-API-Key: " + WRONG_KEY + i).status()).as("failure %d", i + 1).isEqualTo(401);
        }

        RawHttp.Response refused = RawHttp.get(host, port, "/api/leads",
                "X-Forwarded-For: 198.51.100." + ADDRESSES.incrementAndGet(), "X-API-Key: " + adminApiKey.value());

        assertThat(refused.status()).isEqualTo(429);
    }

    /** An address of this machine's other than loopback, a private one (site-local, ULA) when it has one. */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        List<InetAddress> addresses = NetworkInterface.networkInterfaces()
                .filter(network -> {
                    try {
                        return network.isUp() && !network.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
        Assumptions.assumeFalse(addresses.isEmpty(), "this machine has no address but loopback");
        return addresses.stream().filter(AuthenticationLockoutTest::isPrivate).findFirst().orElse(addresses.getFirst());
    }

    private static boolean isPrivate(InetAddress address) {
        return address.isSiteLocalAddress() || (address.getAddress()[0] & 0xfe) == 0xfc && address.getAddress().length == 16;
    }

    @Test
    void aLockedOutAddressIsStillAnsweredWhereItPresentsNoKey() throws Exception {
        failTenTimes(address);

        assertThat(RawHttp.get(port, "/actuator/health", "X-Forwarded-For: " + address).status()).isEqualTo(200);
        assertThat(RawHttp.get(port, "/api/leads", "X-Forwarded-For: " + address).status()).isEqualTo(401);
    }

    @Test
    void wrongWebhookSecretsLockTheAddressOutToo() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.get(port, "/exotel/voicebot-url?secret=wrong-" + i, "X-Forwarded-For: " + address)
                    .status()).isEqualTo(401);
        }

        RawHttp.Response refused = RawHttp.get(port, "/exotel/voicebot-url?secret=" + webhookSecret,
                "X-Forwarded-For: " + address);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    @Test
    void wrongMediaTokensLockTheAddressOutOfTheStream() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.get(port, "/media?token=wrong-" + i, upgrade()).status()).isEqualTo(401);
        }

        RawHttp.Response refused = RawHttp.get(port, "/media?token=" + mediaSecret, upgrade());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    private String[] upgrade() {
        return new String[] {"X-Forwarded-For: " + address, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};
    }

    @Test
    void failedConsoleSignInsLockTheAddressOutWithAPageSayingSo() throws Exception {
        for (int i = 0; i < 10; i++) {
            RawHttp.Response failed = signIn(WRONG_KEY + i);
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location")).isEqualTo("/login?error");
        }

        RawHttp.Response refused = signIn(adminApiKey.value());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.body()).contains("Too many failed sign-ins from your address");
    }

    @Test
    void noKeyPresentedReachesTheLog(CapturedOutput output) throws Exception {
        failTenTimes(address);
        signIn(WRONG_KEY + "console");

        assertThat(output.getAll()).doesNotContain(WRONG_KEY);
    }

    /** The console's sign-in form, from this test's address, in a session of its own, as a browser sends it. */
    private RawHttp.Response signIn(String key) throws Exception {
        RawHttp.Response form = RawHttp.get(port, "/login", "X-Forwarded-For: " + address);
        String cookie = form.header("Set-Cookie");
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
        return RawHttp.send(port, "POST", "/login", List.of("X-Forwarded-For: " + address,
                        "Cookie: " + cookie.substring(0, cookie.indexOf(';')),
                        "Content-Type: application/x-www-form-urlencoded", "Accept: text/html"),
                ("key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1))
                        .getBytes(StandardCharsets.UTF_8));
    }
}
