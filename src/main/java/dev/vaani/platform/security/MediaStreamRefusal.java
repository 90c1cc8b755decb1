package dev.vaani.platform.security;

import dev.vaani.call.CallMetrics;
import dev.vaani.logging.ThrottledLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * How the media stream refuses a handshake without the media secret, before any call state exists: 401, counted
 * ({@code vaani_media_handshakes_refused_total{reason="unauthorized"}}), and at most one log line a minute, since
 * anyone can knock.
 */
final class MediaStreamRefusal implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(MediaStreamRefusal.class);

    private final ProblemResponses problems;
    private final CallMetrics metrics;
    private final ThrottledLog refused = new ThrottledLog(log, Level.WARN, Duration.ofMinutes(1));

    MediaStreamRefusal(ProblemResponses problems, CallMetrics metrics) {
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException why)
            throws IOException {
        metrics.handshakeRefused("unauthorized");
        refused.log("Refused a media stream from {}: missing or wrong secret", request.getRemoteAddr());
        response.setHeader("WWW-Authenticate", "Basic realm=\"vaani-media\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED,
                "Missing or wrong media secret (token query parameter or Basic auth password)");
    }
}
