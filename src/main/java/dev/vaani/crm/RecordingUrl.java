package dev.vaani.crm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A call recording's address as we keep and show it: an absolute {@code https} URL with a host and no credentials.
 * Exotel's are so (its status callback, call details and Passthru examples all give
 * {@code https://s3-ap-southeast-1.amazonaws.com/.../x.mp3}; no http one is documented). The one exception is plain
 * {@code http} on this machine's loopback, where the local Exotel simulator ({@code ./vaani exotel}) serves the
 * recordings it makes. Anything else, say {@code javascript:alert(document.cookie)//.mp3}, is no recording Exotel
 * made, and the console would run it as the link it renders.
 */
public final class RecordingUrl {

    static final int MAX_LENGTH = 2048;

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private RecordingUrl() {
    }

    /** {@code url} when it is such an address, else empty; empty for null. */
    public static Optional<String> playable(String url) {
        if (url == null || url.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url); // refuses spaces, quotes, angle brackets and control characters
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        boolean taken = host != null && uri.getRawUserInfo() == null
                && (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host));
        return taken ? Optional.of(url) : Optional.empty();
    }
}
