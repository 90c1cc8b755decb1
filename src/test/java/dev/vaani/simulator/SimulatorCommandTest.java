package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SimulatorCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void connectionRefusedIsExitTwoWithAHint() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "ws://127.0.0.1:" + port + "/media";

        assertThat(run("--url", url, "--demo")).isEqualTo(2);
        assertThat(err.toString()).contains("Could not connect to " + url, "connection refused",
                "is the server running? (./vaani server)");
    }

    @Test
    void theCallersNumberIsPrintedMasked() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        run("--url", "ws://127.0.0.1:" + port + "/media", "--demo", "--from", "+919812345678");

        assertThat(out.toString()).contains("as +91XXXXXX5678").doesNotContain("9812345678");
    }

    @Test
    void aRefusedMediaSecretIsNamedAsSuchNotAsAServerDown() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "ws://127.0.0.1:" + server.getAddress().getPort() + "/media";

            assertThat(run("--url", url, "--token", "wrong", "--demo")).isEqualTo(2);
            assertThat(err.toString()).contains("the server refused the media secret: check --token")
                    .doesNotContain("is the server running").doesNotContain("wrong");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMissingScenarioFileSaysSo() {
        assertThat(run("--scenario", "does-not-exist.json")).isEqualTo(2);
        assertThat(err.toString()).contains("Could not read scenario does-not-exist.json: no such file");
    }

    @Test
    void versionIsTheBuildsVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("Vaani ");
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(run("--sample-rate", "11025")).isEqualTo(2);
        assertThat(err.toString()).contains("8000, 16000 or 24000");
        assertThat(run("--url", "http://localhost:8080/media")).isEqualTo(2);
        assertThat(run("--scenario", "does-not-exist.json")).isEqualTo(2);
        assertThat(run("--scenario", "x.json", "--demo")).isEqualTo(2);
    }

    @Test
    void passingAndFailingScenariosGiveZeroAndOne(@TempDir Path dir) throws Exception {
        Wav.write(dir.resolve("hi.wav"), 8000, 1, FakeBotServer.tone(300, 8000));
        Path passing = dir.resolve("pass.json");
        Files.writeString(passing, """
                {"name": "short", "steps": [{"waitForBotToFinish": 200}, {"say": "hi.wav"},
                 {"waitForBotToFinish": 200}, "hangUp"], "expect": ["greeting", {"botRepliesAtLeast": 1}]}
                """);
        Path failing = dir.resolve("fail.json");
        Files.writeString(failing, """
                {"name": "too demanding", "steps": [{"waitForBotToFinish": 200}, "hangUp"],
                 "expect": ["greeting", "serverHangsUp", "noChunkViolations"]}
                """);
        try (FakeBotServer bot = new FakeBotServer()) {
            bot.onStart = ws -> {
                bot.sendSpeech(ws, 400, 3200);
                bot.sendMark(ws, "greeting");
            };
            bot.onCallerSpeechEnd = ws -> {
                bot.sendMedia(ws, new byte[4096]);
                bot.sendMark(ws, "reply");
            };

            assertThat(run("--url", bot.url(), "--scenario", passing.toString(), "--lead-id", "L1",
                    "--record", dir.resolve("call.wav").toString())).isEqualTo(0);
            assertThat(out.toString()).contains("BOT     utterance 1", "CALLER  turn 1: hi.wav", "bot heard after",
                    "PASS", "Recording:");
            assertThat(dir.resolve("call.wav")).exists();
            assertThat(bot.resource).contains("lead_id=L1");

            out.getBuffer().setLength(0);
            assertThat(run("--url", bot.url(), "--scenario", failing.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("FAIL", "expected the server to end the call");
        }
    }
}
