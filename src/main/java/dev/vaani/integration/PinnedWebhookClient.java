package dev.vaani.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs webhook bodies, connecting only to addresses the URL policy vetted in the same lookup. Checking a URL and then
 * letting the HTTP client look the host up again would let a hostile DNS answer "public" to the check and "127.0.0.1"
 * to the connection (DNS rebinding); here the connection's own lookup is the check. No redirects (a 3xx could point
 * anywhere), no automatic retries (the outbox retries with backoff).
 */
final class PinnedWebhookClient implements AutoCloseable {

    /** The host resolved only to addresses the policy refuses. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    private static final ContentType JSON = ContentType.create("application/json");

    private final CloseableHttpClient http;

    /**
     * {@code perReceiver}: requests the dispatcher sends to one receiver (host and port) at once; the pool allows a few
     * times that, for connections a receiver leaves half-closed. A request waits for a pooled connection at most {@code timeout} too, so no
     * delivery waits past its claim's lease.
     */
    PinnedWebhookClient(WebhookUrlPolicy policy, Duration timeout, int perReceiver) {
        DnsResolver vetted = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return policy.vettedAddresses(host).toArray(InetAddress[]::new);
                } catch (WebhookUrlPolicy.RefusedWebhookUrl refused) {
                    throw new RefusedAddress(refused.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout limit = Timeout.of(timeout);
        http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(vetted)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit)
                                .setSocketTimeout(limit).build())
                        .setMaxConnPerRoute(perReceiver * 4).setMaxConnTotal(200)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** Sends the body and returns the HTTP status. */
    int post(URI uri, Map<String, String> headers, String json) throws IOException {
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        // JSON is UTF-8 by definition (RFC 8259): the documented header is plain application/json
        post.setEntity(new ByteArrayEntity(json.getBytes(StandardCharsets.UTF_8), JSON));
        return http.execute(post, response -> response.getCode());
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
