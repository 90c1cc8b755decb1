package dev.vaani.telephony.exotel;

import dev.vaani.call.CallMetrics;
import dev.vaani.logging.ThrottledLog;
import dev.vaani.privacy.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads a media stream's query before any call state exists: the {@code sample-rate} (refused unless Exotel's 8, 16
 * or 24 kHz, counted as {@code vaani_media_handshakes_refused_total{reason="sample_rate"}}, logged at most once a
 * minute) and the custom parameters passed on to the call. Who may open a stream is decided before this, by the
 * security chain (the media secret); its {@code token} is not passed on.
 */
class MediaStreamHandshake implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(MediaStreamHandshake.class);
    static final String SAMPLE_RATE = "sampleRate";
    static final String PARAMETERS = "parameters";
    private static final List<Integer> RATES = List.of(8000, 16000, 24000);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final CallMetrics metrics;
    private final ThrottledLog badSampleRate = new ThrottledLog(log, Level.WARN, LOG_INTERVAL);

    MediaStreamHandshake(CallMetrics metrics) {
        this.metrics = metrics;
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
            // the security chain refuses a malformed query before this; should one get here, nothing is passed on
            query.clear();
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

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }
}
