package dev.vaani.speech;

/**
 * Whole text messages from a JDK {@link java.net.http.WebSocket}, which may hand one over in fragments: a provider's
 * listener passes each fragment in and handles what comes out. Not thread-safe: the JDK delivers one text at a time.
 */
public final class WholeTextMessages {

    private final StringBuilder partial = new StringBuilder();

    /** The whole message once its {@code last} fragment came; {@code null} while fragments are still gathering. */
    public String add(CharSequence fragment, boolean last) {
        partial.append(fragment);
        if (!last) {
            return null;
        }
        String whole = partial.toString();
        partial.setLength(0);
        return whole;
    }
}
