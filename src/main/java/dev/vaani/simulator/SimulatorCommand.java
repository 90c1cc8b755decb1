package dev.vaani.simulator;

import dev.vaani.platform.secrets.SecretMasking;
import dev.vaani.privacy.PhoneMask;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vaani simulate}: places one simulated Exotel call against a running server and prints what happened.
 * Exit status: 0 the scenario's expectations held, 1 they did not, 2 usage or connection error.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = VaaniVersion.class, sortOptions = false,
        description = "Call the bot's /media WebSocket the way Exotel's Voicebot applet does, play a caller "
                + "scenario, and report latency, barge-in handling and protocol problems.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the scenario's expectations held", "1:an expectation failed",
                "2:usage error, or the server could not be reached"})
public final class SimulatorCommand implements Callable<Integer> {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int ERROR = 2;

    @Option(names = "--url", description = "WebSocket URL of the bot (default: ${DEFAULT-VALUE})",
            defaultValue = "ws://localhost:8080/media")
    URI url;

    @Option(names = "--scenario", paramLabel = "FILE|hindi-demo", description = "Scenario JSON file, or a built-in "
            + "one: hindi-demo (a caller answering in Hindi; needs the simulated Sarvam, see ./vaani sarvam)")
    String scenarioFile;

    @Option(names = "--demo", description = "Run the built-in demo scenario (the default without --scenario)")
    boolean demo;

    @Option(names = "--lead-id", description = "lead_id custom parameter")
    String leadId;

    @Option(names = "--campaign-id", description = "campaign_id custom parameter")
    String campaignId;

    @Option(names = "--from", description = "Caller number (default: ${DEFAULT-VALUE})", defaultValue = "+919876543210")
    String from;

    @Option(names = "--to", description = "Called (virtual) number (default: ${DEFAULT-VALUE})",
            defaultValue = "+918047491899")
    String to;

    @Option(names = "--sample-rate", description = "8000, 16000 or 24000 (default: ${DEFAULT-VALUE})",
            defaultValue = "8000")
    int sampleRate;

    @Option(names = "--chunk-ms", description = "Caller media message length in ms (default: ${DEFAULT-VALUE})",
            defaultValue = "100")
    int chunkMs;

    @Option(names = "--record", paramLabel = "WAV", description = "Write the call as stereo WAV (left caller, right bot)")
    Path record;

    @Option(names = "--token", description = "The media secret, sent as the token query parameter (default: "
            + "MEDIA_SECRET, .env, or the data/media-secret the server generated when run from this folder)")
    String token;

    @Option(names = "--basic-auth", paramLabel = "USER:PASSWORD", description = "Send Authorization: Basic, as Exotel "
            + "does for wss://user:pass@host URLs")
    String basicAuth;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long (default: the "
            + "scenario's own timeout)")
    Integer timeoutSeconds;

    @Option(names = "--camel-case", description = "Send streamSid/callSid/... instead of the documented snake_case")
    boolean camelCase;

    @Option(names = "--drop-marks-on-clear", description = "On clear, discard pending marks instead of echoing them")
    boolean dropMarksOnClear;

    @Option(names = "--noise", paramLabel = "AMPLITUDE", description = "Send low noise instead of digital silence "
            + "between caller turns (peak amplitude, e.g. 50)", defaultValue = "0")
    int noise;

    @Option(names = "--noise-dbfs", paramLabel = "DBFS", description = "Mix steady background noise at this level "
            + "(e.g. -32) into everything the caller sends, for the whole call, as from a street or a shop")
    Double noiseDbfs;

    @Option(names = "--api-key", description = "Admin API key, to print the transcript the server stored (default: "
            + "ADMIN_API_KEY, or data/admin-api-key when the server runs from this folder)")
    String apiKey;

    @Option(names = "--no-transcript", description = "Do not ask the server for the call's transcript")
    boolean noTranscript;

    private PrintWriter out;
    private PrintWriter err;

    /** Runs the command with the process's standard streams; returns the exit status (never calls System.exit). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        SimulatorCommand command = new SimulatorCommand();
        command.out = out;
        command.err = err;
        CommandLine cli = new CommandLine(command).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("simulate: " + e.getMessage());
            err.flush();
            return ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        if (demo && scenarioFile != null) {
            return usage("use either --scenario or --demo, not both");
        }
        SimulatorOptions options;
        Scenario scenario;
        try {
            options = SimulatorOptions.builder().url(url).leadId(leadId).campaignId(campaignId).from(from).to(to)
                    .sampleRate(sampleRate).chunkMs(chunkMs).recording(record).token(token).basicAuth(basicAuth)
                    .camelCaseKeys(camelCase).echoMarksOnClear(!dropMarksOnClear).silenceNoise(noise)
                    .noiseDbfs(noiseDbfs == null ? Double.NaN : noiseDbfs).build();
            scenario = scenarioFile != null ? ScenarioFile.named(scenarioFile) : ScenarioFile.demo();
            if (timeoutSeconds != null) {
                scenario = new Scenario(scenario.name(), scenario.steps(), scenario.expectations(),
                        Duration.ofSeconds(timeoutSeconds));
            }
        } catch (IllegalArgumentException | SimulatorException e) {
            return usage(e.getMessage());
        }
        out.println("Calling " + SecretMasking.url(url) + " as " + PhoneMask.mask(from) + " (scenario: " + scenario.name()
                + ") ...");
        out.flush();
        CallReport report;
        SimulatedCall call;
        try {
            call = new SimulatedCall(options, scenario);
            report = call.run();
        } catch (SimulatorException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return ERROR;
        }
        ReportPrinter.print(report, out);
        if (!noTranscript) {
            ServerTranscript.apiKey(apiKey).ifPresent(key -> ServerTranscript.print(url, call.callSid(), key, out));
        }
        if (record != null) {
            out.println("Recording: " + record.toAbsolutePath() + " (left caller, right bot)");
            out.flush();
        }
        return report.passed() ? PASSED : FAILED;
    }

    private int usage(String message) {
        err.println("simulate: " + message);
        err.flush();
        return ERROR;
    }
}
