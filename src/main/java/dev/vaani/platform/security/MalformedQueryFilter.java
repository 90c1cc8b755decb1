package dev.vaani.platform.security;

import dev.vaani.logging.ThrottledLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HexFormat;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 to a request whose query string is not valid percent-encoding of UTF-8 (RFC 3986: only the query's
 * characters, each {@code %} followed by two hex digits), in front of everything else. Left alone, such a query
 * fails wherever it is first parsed: Tomcat's parameter parsing throws from inside a handler, whose catch-all makes it
 * a 500 with a stack trace; the WebSocket upgrade turns the whole URL into a {@code java.net.URI} and the exception,
 * logged, quotes it, media token included. Nothing of the URL is logged here: its query may carry a secret.
 *
 * <p>Exotel's Passthru applet sends a stream's details unencoded ({@code Stream[Status]=completed},
 * {@code Stream={"StreamSID":"..."}}): those characters ({@link #TOLERATED}, which Tomcat is told to relax too) are
 * taken, and the request goes on with its query string percent-encoded, so whatever builds a URI from it sees RFC 3986.
 * The parameters Tomcat parses are the same either way.
 */
final class MalformedQueryFilter extends OncePerRequestFilter {

    /** RFC 3986 query characters apart from percent-escapes: unreserved, sub-delims, ":", "@", "/" and "?". */
    private static final BitSet QUERY_CHARACTERS = new BitSet(128);

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?"
                .chars().forEach(QUERY_CHARACTERS::set);
    }

    /** Outside RFC 3986, but sent unencoded by Exotel's Passthru; server.tomcat.relaxed-query-chars lists them too. */
    static final String TOLERATED = "[]{}\"|";

    private final ProblemResponses problems;
    private final ThrottledLog refusals = new ThrottledLog(LoggerFactory.getLogger(MalformedQueryFilter.class),
            Level.WARN, Duration.ofMinutes(1));

    MalformedQueryFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !wellFormed(query)) {
            refusals.log("Refused a request from {}: its query string is not valid percent-encoding",
                    request.getRemoteAddr());
            problems.write(request, response, HttpStatus.BAD_REQUEST,
                    "The query string is not valid percent-encoding (RFC 3986, UTF-8)");
            return;
        }
        String encoded = query == null ? null : encodeTolerated(query);
        if (encoded != null && !encoded.equals(query)) {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public String getQueryString() {
                    return encoded;
                }
            }, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The query with each {@link #TOLERATED} character percent-encoded; the same string when it has none. */
    static String encodeTolerated(String query) {
        StringBuilder out = null;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (TOLERATED.indexOf(c) >= 0) {
                if (out == null) {
                    out = new StringBuilder(query.length() + 16).append(query, 0, i);
                }
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? query : out.toString();
    }

    static boolean wellFormed(String query) {
        byte[] decoded = new byte[query.length()];
        int length = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                char high = query.charAt(i + 1);
                char low = query.charAt(i + 2);
                if (!HexFormat.isHexDigit(high) || !HexFormat.isHexDigit(low)) {
                    return false;
                }
                decoded[length++] = (byte) (HexFormat.fromHexDigit(high) << 4 | HexFormat.fromHexDigit(low));
                i += 2;
            } else if (c < 128 && (QUERY_CHARACTERS.get(c) || TOLERATED.indexOf(c) >= 0)) {
                decoded[length++] = (byte) c;
            } else {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(decoded, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
