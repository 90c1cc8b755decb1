package dev.vaani.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** After a simulated call, the server's record of it is printed, or why it could not be. */
class ServerTranscriptTest {

    @Test
    void aServerThatIsGoneIsSaidToBeNotAnsweringNotNull() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StringWriter printed = new StringWriter();

        ServerTranscript.print(URI.create("ws://127.0.0.1:" + closedPort + "/media"), "CAgone", "key",
                new PrintWriter(printed));

        assertThat(printed.toString()).contains("the server is not answering at 127.0.0.1:" + closedPort)
                .doesNotContain("null");
    }
}
