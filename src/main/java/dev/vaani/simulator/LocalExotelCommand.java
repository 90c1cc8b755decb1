package dev.vaani.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vaani exotel}: runs a local Exotel (Voice API + callbacks + simulated callers) so a campaign can be tried
 * on one machine. Point the server at it with EXOTEL_BASE_URL=http://127.0.0.1:PORT.
 */
@Command(name = "exotel", mixinStandardHelpOptions = true, versionProvider = VaaniVersion.class, sortOptions = false,
        description = "Run a local stand-in for Exotel's Voice API: calls placed by the dialer are answered by "
                + "simulated callers who play a scenario over the media stream; status callbacks follow.")
public final class LocalExotelCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port for the fake Voice API (default: ${DEFAULT-VALUE})", defaultValue = "8089")
    int port;

    @Option(names = "--scenario", paramLabel = "FILE", description = "What answering callers say (default: the demo scenario)")
    Path scenarioFile;

    @Option(names = "--no-answer-rate", description = "Share of calls nobody answers, 0..1 (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    double noAnswerRate;

    @Option(names = "--busy-rate", description = "Share of calls whose line is busy, 0..1, beside those nobody answers "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0")
    double busyRate;

    @Option(names = "--media-url", description = "Fixed media WebSocket for flow-mode calls, as a static Voicebot URL"
            + " (ws://host/media?token=MEDIA_SECRET). Without a token the flow asks the server's dynamic Voicebot URL"
            + " (/exotel/voicebot-url, next to the status callback) for a URL signed for the call (default: ${DEFAULT-VALUE})",
            defaultValue = "ws://localhost:8080/media")
    URI mediaUrl;

    @Option(names = "--connect-delay", paramLabel = "MS", defaultValue = "0",
            description = "Answer Calls/connect this many milliseconds late (the call is made at once): longer than "
                    + "the server's EXOTEL request timeout makes the placement's outcome unknown (default: ${DEFAULT-VALUE})")
    long connectDelayMs;

    @Option(names = "--sales-number", description = "Number the flow's Connect applet rings on a hand-over (default: ${DEFAULT-VALUE})",
            defaultValue = "+918000000000")
    String salesNumber;

    private PrintWriter out;

    public static int run(String... args) {
        LocalExotelCommand command = new LocalExotelCommand();
        command.out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        return new CommandLine(command).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Scenario scenario = scenarioFile != null ? ScenarioFile.load(scenarioFile) : ScenarioFile.demo();
        if (noAnswerRate < 0 || busyRate < 0 || noAnswerRate + busyRate > 1) {
            out.println("--no-answer-rate and --busy-rate are shares of the calls: each from 0, together at most 1");
            return 2;
        }
        try (LocalExotel exotel = new LocalExotel(port, scenario, noAnswerRate, busyRate, mediaUrl, salesNumber, out,
                java.time.Duration.ofMillis(connectDelayMs))) {
            out.printf("Local Exotel listening on http://127.0.0.1:%d (start the server with EXOTEL_BASE_URL=http://127.0.0.1:%d "
                    + "and any EXOTEL_ACCOUNT_SID / EXOTEL_API_KEY / EXOTEL_API_TOKEN / EXOTEL_VIRTUAL_NUMBER). Ctrl-C stops it.%n",
                    exotel.port(), exotel.port());
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
