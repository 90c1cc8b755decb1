package dev.vaani.telephony.exotel;

import dev.vaani.call.CallMetrics;
import dev.vaani.call.CallProperties;
import dev.vaani.logging.ThrottledLog;
import dev.vaani.platform.secrets.SecretRefused;
import dev.vaani.platform.secrets.SharedSecret;
import dev.vaani.privacy.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks a media stream before any call state exists: the shared secret (Basic auth password, as Exotel sends
 * credentials embedded in the URL, or a {@code token} query parameter) and the {@code sample-rate}. Every refusal is
 * counted ({@code vaani_media_handshakes_refused_total}); the log has at most one line a minute of each kind, since
 * anyone can knock. A secret presented wrong is published ({@link SecretRefused}), so it counts towards the caller's
 * lockout, which the security chain in front of this path enforces.
 */
class MediaStreamHandshake implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(MediaStreamHandshake.class);
    static final String SAMPLE_RATE = "sampleRate";
    static final String PARAMETERS = "parameters";
    private static final List<Integer> RATES = List.of(8000, 16000, 24000);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final CallProperties settings;
    private final CallMetrics metrics;
    private final ApplicationEventPublisher events;
    private final ThrottledLog unauthorised = new ThrottledLog(log, Level.WARN, LOG_INTERVAL);
    private final ThrottledLog badSampleRate = new ThrottledLog(log, Level.WARN, LOG_INTERVAL);

    MediaStreamHandshake(CallProperties settings, CallMetrics metrics, ApplicationEventPublisher events) {
        this.settings = settings;
        this.metrics = metrics;
        this.events = events;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Map<String, String> query = new LinkedHashMap<>();
        try {
            UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams()
                    .forEach((key, values) -> query.put(key, values.isEmpty() || values.getFirst() == null ? "" :
                            java.net.URLDecoder.decode(values.getFirst(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException malformedEncoding) {
            query.clear(); // a token that cannot be decoded is no token: refused below, 401 rather than 500
        }
        if (!authorised(request, query.get("token"))) {
            metrics.handshakeRefused("unauthorized");
            if (query.containsKey("token") || request.getHeaders().containsHeader("Authorization")) {
                events.publishEvent(new SecretRefused(address(request), "media secret"));
            }
            unauthorised.log("Refused a media stream from {}: missing or wrong secret", address(request));
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        int rate = 8000;
        String requested = query.get("sample-rate");
        if (requested != null && !requested.isBlank()) {
            try {
                rate = Integer.parseInt(requested.trim());
            } catch (NumberFormatException e) {
                rate = -1;
            }
            if (!RATES.contains(rate)) {
                metrics.handshakeRefused("sample_rate");
                badSampleRate.log("Refused a media stream: sample-rate {} is not one of {}",
                        UntrustedText.quoted(requested, 16), RATES);
                response.setStatusCode(HttpStatus.BAD_REQUEST);
                return false;
            }
        }
        query.remove("token");
        query.remove("sample-rate");
        attributes.put(SAMPLE_RATE, rate);
        attributes.put(PARAMETERS, Map.copyOf(query));
        return true;
    }

    private static String address(ServerHttpRequest request) {
        return request instanceof ServletServerHttpRequest servlet ? servlet.getServletRequest().getRemoteAddr()
                : String.valueOf(request.getRemoteAddress());
    }

    /** Fails closed: with no media secret configured (the server always generates one) nothing is authorised. */
    private boolean authorised(ServerHttpRequest request, String token) {
        if (!settings.mediaAuthRequired()) {
            return false;
        }
        byte[] secret = settings.mediaSecret().getBytes(StandardCharsets.UTF_8);
        if (token != null && SharedSecret.equalInConstantTime(secret, token.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        String header = request.getHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            String password = credentials.substring(credentials.indexOf(':') + 1);
            return SharedSecret.equalInConstantTime(secret, password.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
