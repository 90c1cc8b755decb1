package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What an open console tab meets when its sign-in has ended: the sign-in page saying so, and no more call data. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleSessionTest extends VaaniIntegrationTest {

    @Autowired CallWatchers watchers;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFormPostedAfterTheSessionEndedIsSentToTheSignInPageThatSaysSo() throws Exception {
        // a campaign page left open across a restart: its cookie and CSRF token name a session the server no longer has
        HttpResponse<String> stop = ConsoleSignIn.client().send(HttpRequest.newBuilder(URI.create(base() + "/campaigns/1/stop"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=stale-token")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stop.statusCode()).isEqualTo(302);
        assertThat(stop.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login?expired"));
        assertThat(get(ConsoleSignIn.client(), "/login?expired").body()).contains("Your session ended");
    }

    @Test
    void signingInLeadsToThePageAskedForNotToARequestTheOpenPageMadeInTheBackground() throws Exception {
        HttpClient http = ConsoleSignIn.client();
        get(http, "/leads");
        get(http, "/console/campaigns/1/progress"); // the campaign page's poll, after the page asked for /leads

        assertThat(ConsoleSignIn.signIn(http, base(), adminApiKey.value())).endsWith("/leads");
    }

    @Test
    void aBackgroundRequestAloneLeadsHome() throws Exception {
        HttpClient http = ConsoleSignIn.client();
        get(http, "/console/live");

        assertThat(ConsoleSignIn.signIn(http, base(), adminApiKey.value())).isEqualTo("/");
    }

    @Test
    void signingOutEndsTheLiveStreamsOfThatSignIn() throws Exception {
        int before = watchers.watching();

        signInWatchAndSignOut(() -> assertThat(watchers.watching()).isEqualTo(before + 1));

        assertThat(watchers.watching()).isEqualTo(before);
    }

    @Test
    void aLiveStreamEndedBySigningOutEndsWithoutAnErrorInTheLog(CapturedOutput output) throws Exception {
        signInWatchAndSignOut(() -> { });

        // the stream's last dispatch comes after the sign-in is gone: it is no access attempt to refuse
        assertThat(output.getOut() + output.getErr()).doesNotContain("AuthorizationDeniedException")
                .doesNotContain("response is already committed");
    }

    /** Signs in, opens the home page's event stream, signs out, and returns once the server has ended the stream. */
    private void signInWatchAndSignOut(Runnable whileWatching) throws Exception {
        HttpClient http = ConsoleSignIn.signedIn(base(), adminApiKey.value());
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base() + "/console/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream events = stream.body();
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try {
                events.readAllBytes(); // returns when the server ends the stream
            } catch (java.io.IOException e) {
                // a stream cut is ended too
            }
        });
        whileWatching.run();

        String csrf = ConsoleSignIn.csrfToken(get(http, "/").body());
        HttpResponse<Void> signOut = http.send(HttpRequest.newBuilder(URI.create(base() + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("signedOut"));
        ended.get(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS);
    }
}
