package dev.vaani.telephony.exotel;


/**
 * The {@code media_format} block of a start event, as Exotel sent it. Informational only: the real rate is the
 * {@code sample-rate} we configured on the WebSocket URL, because Exotel's values here vary ("8000", 8000, "8000Hz").
 *
 * @param encoding   e.g. "audio/x-raw", "raw", "linear16", "audio/x-mulaw"; null if absent
 * @param sampleRate Hz with any unit suffix stripped; null if absent or not a number
 * @param bitRate    with any "kbps" suffix stripped; null if absent
 */
public record MediaFormat(String encoding, Integer sampleRate, String bitRate) {

    /** True when payloads are G.711 μ-law rather than the documented PCM16LE. */
    public boolean isMuLaw() {
        if (encoding == null) {
            return false;
        }
        return containsIgnoringCase(encoding, "mulaw") || containsIgnoringCase(encoding, "pcmu");
    }

    /** Asked for every media frame: no lower-cased copy of the encoding. */
    private static boolean containsIgnoringCase(String text, String part) {
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }
}
