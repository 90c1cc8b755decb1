package dev.vaani.simulator.sarvam;

import dev.vaani.simulator.Scenario;
import dev.vaani.simulator.ScenarioFile;
import dev.vaani.simulator.ScenarioStep;
import dev.vaani.simulator.VaaniVersion;
import dev.vaani.speech.offline.EspeakVoice;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vaani sarvam}: a simulated Sarvam AI speech server on loopback, so a Hindi call can be tried with
 * {@code ./vaani simulate} and no Sarvam account. Its recogniser is scripted: it returns the scenario's caller lines.
 */
@Command(name = "sarvam", mixinStandardHelpOptions = true, versionProvider = VaaniVersion.class, sortOptions = false,
        description = "Run a simulated Sarvam AI (streaming speech-to-text and text-to-speech, Sarvam's wire format) "
                + "on loopback. Recognition is SCRIPTED, not real: each caller utterance (found by its energy) is "
                + "returned as the scenario's next caller line, in order. Synthesis speaks with espeak-ng's Hindi voice "
                + "when installed, else a tone.")
public final class LocalSarvamCommand implements Callable<Integer> {

    /** The key the simulated Sarvam expects unless told otherwise; give the server the same as SARVAM_API_KEY. */
    public static final String DEFAULT_API_KEY = "local-sarvam-key";

    @Option(names = "--port", description = "Port to listen on, loopback only (default: ${DEFAULT-VALUE})", defaultValue = "8091")
    int port;

    @Option(names = "--scenario", paramLabel = "FILE|hindi-demo", defaultValue = "hindi-demo",
            description = "Scenario whose caller lines (the \"text\" of its say steps) are \"recognised\", in order "
                    + "(default: ${DEFAULT-VALUE}, the built-in Hindi demo)")
    String scenario;

    @Option(names = "--api-key", description = "The api-subscription-key clients must send (default: ${DEFAULT-VALUE})",
            defaultValue = DEFAULT_API_KEY)
    String apiKey;

    private PrintWriter out;

    public static int run(String... args) {
        LocalSarvamCommand command = new LocalSarvamCommand();
        command.out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        return new CommandLine(command).execute(args);
    }

    /** The caller lines of a scenario: the text of each say step that has one, in order. */
    public static List<String> callerLines(Scenario scenario) {
        return scenario.steps().stream()
                .filter(step -> step instanceof ScenarioStep.Say say && say.text() != null)
                .map(step -> ((ScenarioStep.Say) step).text()).toList();
    }

    @Override
    public Integer call() throws InterruptedException {
        Scenario loaded = ScenarioFile.named(scenario);
        List<String> lines = callerLines(loaded);
        if (lines.isEmpty()) {
            out.println("sarvam: the scenario has no caller lines (say steps with a \"text\")");
            return 2;
        }
        Optional<EspeakVoice> hindi = EspeakVoice.locate("hi");
        try (LocalSarvam sarvam = new LocalSarvam(port, apiKey, lines, hindi, out)) {
            out.printf("Simulated Sarvam listening on %s (scenario: %s, %d scripted caller lines; voice: %s).%n"
                            + "Recognition is scripted, not recognised. Start the server with%n"
                            + "  STT_VENDOR=sarvam TTS_VENDOR=sarvam SARVAM_API_KEY=%s SARVAM_BASE_URL=%s%n"
                            + "Ctrl-C stops it.%n", sarvam.baseUrl(), loaded.name(), lines.size(),
                    hindi.isPresent() ? "espeak-ng hi" : "a tone (install espeak-ng for a Hindi voice)", apiKey,
                    sarvam.baseUrl());
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
