package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP client signed in to the console through its own form (CSRF token included), as a browser is. */
final class ConsoleSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private ConsoleSignIn() {
    }

    /** A client that keeps cookies and does not follow redirects. */
    static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    static HttpClient signedIn(String baseUrl, String adminKey) throws IOException, InterruptedException {
        HttpClient http = client();
        signIn(http, baseUrl, adminKey);
        return http;
    }

    /** Signs {@code http} in; returns where the sign-in sent it. */
    static String signIn(HttpClient http, String baseUrl, String adminKey) throws IOException, InterruptedException {
        String form = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        String body = "key=" + URLEncoder.encode(adminKey, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<Void> signedIn = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(signedIn.headers().firstValue("Location")).as("signed in")
                .hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));
        return signedIn.headers().firstValue("Location").orElseThrow();
    }

    /** The CSRF token of a page's forms. */
    static String csrfToken(String page) {
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("the page carries a CSRF token").isTrue();
        return csrf.group(1);
    }
}
