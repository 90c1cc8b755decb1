package dev.vaani.speech.deepgram;

import dev.vaani.speech.SpeechStreamSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds Deepgram /v1/listen URIs: the wire values are all strings, booleans as "true". */
final class DeepgramQuery {

    /** Deepgram takes up to 100 keyterms (docs: Keyterm Prompting); more hints dilute rather than help. */
    static final int MAX_KEYTERMS = 100;
    /**
     * Deepgram's limit on all keyterms of a request together, in its own tokens (500); an over-limit request fails.
     * We cannot run its tokenizer, so {@link #estimatedTokens} over-counts and the rest of the budget is left unused.
     */
    static final int KEYTERM_TOKEN_BUDGET = 500;
    /** A place name or phrase longer than this is not a keyterm but a sentence (or someone's experiment). */
    static final int MAX_KEYTERM_CHARS = 60;

    private DeepgramQuery() {}

    static URI streaming(DeepgramSettings settings, SpeechStreamSettings stream) {
        List<String> params = common(settings, stream);
        params.add("interim_results=true");
        params.add("endpointing=" + settings.endpointingMs());
        params.add("utterance_end_ms=" + settings.utteranceEndMs());
        params.add("vad_events=true");
        params.add("punctuate=true");
        params.add("smart_format=true");
        // nova-3 replaced keyword boosting with keyterm prompting; older models only know keywords.
        String hintName = settings.model().startsWith("nova-3") ? "keyterm" : "keywords";
        for (String hint : hints(stream.expectedPhrases())) {
            params.add(hintName + "=" + encode(hint));
        }
        return URI.create(settings.webSocketBase() + "/v1/listen?" + String.join("&", params));
    }

    static URI prerecorded(DeepgramSettings settings, SpeechStreamSettings stream) {
        List<String> params = common(settings, stream);
        params.add("smart_format=true");
        return URI.create(settings.httpBase() + "/v1/listen?" + String.join("&", params));
    }

    private static List<String> common(DeepgramSettings settings, SpeechStreamSettings stream) {
        String language = language(settings.model(),
                stream.language() == null || stream.language().isBlank() ? settings.language() : stream.language());
        List<String> params = new ArrayList<>();
        params.add("model=" + encode(settings.model()));
        params.add("language=" + encode(language));
        params.add("encoding=linear16");
        params.add("sample_rate=" + stream.sampleRate());
        params.add("channels=1");
        return params;
    }

    /**
     * The language Deepgram should hear for a call. Hindi is {@code hi} (nova-3 has a monolingual Hindi model; there is
     * no hi-IN code). Hinglish is {@code multi}: nova-3's code-switching model covers Hindi and English, while nova-2's
     * multi only mixes Spanish and English, so on nova-2 Hinglish is heard as Hindi.
     */
    static String language(String model, String requested) {
        String lower = requested.strip().toLowerCase(java.util.Locale.ROOT);
        String wanted = switch (lower) {
            case "hinglish", "multi" -> "multi";
            case "hi", "hi-in" -> "hi";
            default -> requested.strip();
        };
        if (wanted.equals("multi") && !model.startsWith("nova-3")) {
            return "hi";
        }
        return wanted;
    }

    /**
     * The hints to send, in the order given, within Deepgram's limits: at most {@link #MAX_KEYTERMS}, their estimated
     * tokens within {@link #KEYTERM_TOKEN_BUDGET}, each one line of at most {@link #MAX_KEYTERM_CHARS} characters, no
     * repeats. Hints may come from what a caller said (the lead's locality), so each is a value only: encoded, never
     * able to add a parameter.
     */
    static List<String> hints(List<String> phrases) {
        List<String> hints = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int tokens = 0;
        for (String phrase : phrases) {
            if (phrase == null) {
                continue;
            }
            String hint = phrase.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
            if (hint.isEmpty() || hint.length() > MAX_KEYTERM_CHARS
                    || !seen.add(hint.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            int cost = estimatedTokens(hint);
            if (hints.size() == MAX_KEYTERMS || tokens + cost > KEYTERM_TOKEN_BUDGET) {
                break;
            }
            tokens += cost;
            hints.add(hint);
        }
        return hints;
    }

    /** At least Deepgram's count: one token per three UTF-8 bytes (a BPE token is rarely shorter), one per word at least. */
    static int estimatedTokens(String hint) {
        int bytes = hint.getBytes(StandardCharsets.UTF_8).length;
        int words = hint.split(" ").length;
        return Math.max(words, (bytes + 2) / 3);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
