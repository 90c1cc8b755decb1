package dev.vaani.speech.deepgram;

import dev.vaani.speech.SpeechStreamSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds Deepgram /v1/listen URIs: the wire values are all strings, booleans as "true". */
final class DeepgramQuery {

    /** Deepgram bounds prompt size; more hints than this dilute rather than help. */
    static final int MAX_KEYTERMS = 50;

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
        stream.expectedPhrases().stream()
                .filter(p -> p != null && !p.isBlank())
                .distinct()
                .limit(MAX_KEYTERMS)
                .forEach(p -> params.add(hintName + "=" + encode(p.strip())));
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
