package dev.vaani.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a scenario from JSON. Each step is an object with one key naming it (a bare string for steps without
 * arguments); audio paths are relative to the scenario file (or its classpath folder):
 * <pre>
 * { "name": "qualify", "timeoutSeconds": 180,
 *   "steps": [ "waitForBotToFinish",
 *              {"waitForBotToFinish": {"silenceMs": 800, "maxWaitMs": 20000}},
 *              {"say": "yes.wav"},                       // or {"say": {"audio": "yes.raw", "sampleRate": 8000}}
 *              {"say": {"audio": "haan.wav", "text": "हाँ जी"}},  // text: what the simulated Sarvam "hears"
 *              {"pause": 500},
 *              {"bargeIn": {"afterBotSpeechMs": 1200, "audio": "wait.wav"}},
 *              {"dtmf": "5"},
 *              "hangUp" ],
 *   "expect": [ "greeting", {"botRepliesAtLeast": 3}, "bargeInCleared", "serverHangsUp", "noChunkViolations" ] }
 * </pre>
 * A {@code .wav} must be 16-bit mono PCM; any other extension is raw PCM16LE mono at {@code sampleRate} (8000).
 */
public final class ScenarioFile {

    public static final String DEMO_RESOURCE = "simulator/clips/demo-scenario.json";

    /** Supplies the bytes of an audio file named in the scenario. */
    @FunctionalInterface
    public interface AudioSource {
        byte[] read(String relativePath) throws IOException;
    }

    private ScenarioFile() {
    }

    public static Scenario load(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            return parse(Files.readString(file), file.toString(), p -> Files.readAllBytes(dir.resolve(p)));
        } catch (NoSuchFileException e) {
            throw new SimulatorException("Could not read scenario " + file + ": no such file"
                    + (e.getFile().equals(file.toString()) ? "" : " (" + e.getFile() + ", named in it)"), e);
        } catch (IOException e) {
            throw new SimulatorException("Could not read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a scenario packaged on the classpath, e.g. the built-in demo. */
    public static Scenario loadResource(String resource) {
        String dir = resource.contains("/") ? resource.substring(0, resource.lastIndexOf('/') + 1) : "";
        ClassLoader loader = ScenarioFile.class.getClassLoader();
        AudioSource source = p -> {
            try (InputStream in = loader.getResourceAsStream(dir + p)) {
                if (in == null) {
                    throw new IOException("no classpath resource " + dir + p);
                }
                return in.readAllBytes();
            }
        };
        try {
            return parse(new String(source.read(resource.substring(dir.length())), java.nio.charset.StandardCharsets.UTF_8),
                    "classpath:" + resource, source);
        } catch (IOException e) {
            throw new SimulatorException("Could not read scenario classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    /** The built-in Hindi demo: a caller answering in Hindi, for a call recognised by the simulated Sarvam. */
    public static final String HINDI_DEMO_RESOURCE = "simulator/hindi/hindi-demo-scenario.json";

    /** A scenario by file path, or a built-in one by name: "demo" or "hindi-demo". */
    public static Scenario named(String fileOrName) {
        return switch (fileOrName) {
            case "demo" -> demo();
            case "hindi-demo" -> loadResource(HINDI_DEMO_RESOURCE);
            default -> load(Path.of(fileOrName));
        };
    }

    public static Scenario demo() {
        return loadResource(DEMO_RESOURCE);
    }

    public static Scenario parse(String jsonText, String origin, AudioSource audio) {
        JsonNode root;
        try {
            root = new JsonMapper().readTree(jsonText);
        } catch (tools.jackson.core.JacksonException e) {
            throw new SimulatorException(origin + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SimulatorException(origin + ": expected a JSON object with \"steps\"");
        }
        Scenario.Builder builder = Scenario.builder(root.path("name").asString(origin));
        if (root.has("timeoutSeconds")) {
            builder.timeout(Duration.ofSeconds(root.get("timeoutSeconds").asLong(0)));
        }
        JsonNode steps = root.path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            throw new SimulatorException(origin + ": \"steps\" must be a non-empty array");
        }
        int index = 0;
        for (JsonNode step : steps) {
            index++;
            try {
                builder.step(step(step, audio));
            } catch (IOException | RuntimeException e) {
                throw new SimulatorException(origin + ", step " + index + " (" + step + "): " + e.getMessage(), e);
            }
        }
        index = 0;
        for (JsonNode expectation : root.path("expect")) {
            index++;
            try {
                builder.expect(expectation(expectation));
            } catch (RuntimeException e) {
                throw new SimulatorException(origin + ", expectation " + index + ": " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static ScenarioStep step(JsonNode node, AudioSource audio) throws IOException {
        Map.Entry<String, JsonNode> e = single(node);
        JsonNode arg = e.getValue();
        return switch (e.getKey()) {
            case "waitForBotToFinish" -> new ScenarioStep.WaitForBotToFinish(
                    arg.isNumber() ? arg.asLong(0) : arg.path("silenceMs").asLong(ScenarioStep.DEFAULT_SILENCE_MS),
                    arg.path("maxWaitMs").asLong(ScenarioStep.DEFAULT_MAX_WAIT_MS));
            case "say" -> new ScenarioStep.Say(clip(arg, audio), arg.isObject() && arg.hasNonNull("text")
                    ? arg.get("text").asString("") : null);
            case "pause" -> new ScenarioStep.Pause(arg.isNumber() ? arg.asLong(0) : require(arg, "ms").asLong(0));
            case "bargeIn" -> new ScenarioStep.BargeIn(require(arg, "afterBotSpeechMs").asLong(0),
                    clip(arg, audio), arg.path("maxWaitMs").asLong(ScenarioStep.DEFAULT_MAX_WAIT_MS));
            case "dtmf" -> arg.isObject()
                    ? new ScenarioStep.Dtmf(require(arg, "digit").asString(""), arg.path("durationMs").asLong(100))
                    : new ScenarioStep.Dtmf(arg.asString(""), 100);
            case "hangUp" -> new ScenarioStep.HangUp();
            default -> throw new IllegalArgumentException("unknown step \"" + e.getKey()
                    + "\"; steps are waitForBotToFinish, say, pause, bargeIn, dtmf, hangUp");
        };
    }

    private static AudioClip clip(JsonNode arg, AudioSource audio) throws IOException {
        String path = arg.isString() ? arg.asString("") : require(arg, "audio").asString("");
        byte[] bytes = audio.read(path);
        if (path.toLowerCase(Locale.ROOT).endsWith(".wav")) {
            return AudioClip.fromWav(path, bytes);
        }
        return AudioClip.of(path, arg.path("sampleRate").asInt(8000), bytes);
    }

    private static Expectation expectation(JsonNode node) {
        Map.Entry<String, JsonNode> e = single(node);
        return switch (e.getKey()) {
            case "greeting" -> new Expectation.Greeting();
            case "botRepliesAtLeast" -> new Expectation.BotRepliesAtLeast(e.getValue().asInt(1));
            case "bargeInCleared" -> new Expectation.BargeInCleared();
            case "serverHangsUp" -> new Expectation.ServerHangsUp();
            case "noChunkViolations" -> new Expectation.NoChunkViolations();
            default -> throw new IllegalArgumentException("unknown expectation \"" + e.getKey()
                    + "\"; expectations are greeting, botRepliesAtLeast, bargeInCleared, serverHangsUp,"
                    + " noChunkViolations");
        };
    }

    /** A bare string {@code "x"} or an object with exactly one key {@code {"x": arg}}. */
    private static Map.Entry<String, JsonNode> single(JsonNode node) {
        if (node.isString()) {
            return Map.entry(node.asString(""), tools.jackson.databind.node.MissingNode.getInstance());
        }
        if (node.isObject() && node.size() == 1) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            return fields.next();
        }
        throw new IllegalArgumentException("expected a name or an object with one key, got " + node);
    }

    private static JsonNode require(JsonNode arg, String field) {
        JsonNode value = arg.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        return value;
    }
}
