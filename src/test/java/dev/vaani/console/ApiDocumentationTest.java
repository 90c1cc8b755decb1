package dev.vaani.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vaani.testing.VaaniIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's description and Swagger UI: open to a console session or the admin key, closed to anyone else; the
 * document declares the admin key, so Swagger UI's Authorize button can send it.
 */
class ApiDocumentationTest extends VaaniIntegrationTest {

    private static final List<String> DOCS = List.of("/v3/api-docs", "/swagger-ui/index.html",
            "/swagger-ui/swagger-initializer.js", "/v3/api-docs/swagger-config");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> get(HttpClient http, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientWithNeitherSessionNorKeyIsRefusedWith401() throws Exception {
        for (String path : DOCS) {
            HttpResponse<String> response = get(ConsoleSignIn.client(), path, Map.of("Accept", "*/*"));
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        }
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheConsoleSignIn() throws Exception {
        HttpResponse<String> response = get(ConsoleSignIn.client(), "/swagger-ui/index.html",
                Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
    }

    @Test
    void aConsoleSessionOpensTheDocsAndSwaggerUi() throws Exception {
        HttpClient session = ConsoleSignIn.signedIn(base(), adminApiKey.value());
        for (String path : DOCS) {
            assertThat(get(session, path, Map.of()).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theConsoleSessionDoesNotOpenTheApiItself() throws Exception {
        HttpClient session = ConsoleSignIn.signedIn(base(), adminApiKey.value());
        assertThat(get(session, "/api/leads", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void theDocumentDeclaresTheAdminKeyOnEveryApiOperation() {
        JsonNode document = new JsonMapper().readTree(api().get().uri("/v3/api-docs").retrieve().body(String.class));

        JsonNode scheme = document.path("components").path("securitySchemes").path("adminApiKey");
        assertThat(scheme.path("type").asString()).isEqualTo("apiKey");
        assertThat(scheme.path("in").asString()).isEqualTo("header");
        assertThat(scheme.path("name").asString()).isEqualTo("X-API-Key");
        List<JsonNode> apiOperations = document.path("paths").properties().stream()
                .filter(path -> path.getKey().startsWith("/api/"))
                .flatMap(path -> path.getValue().values().stream()).toList();
        assertThat(apiOperations).isNotEmpty().allSatisfy(operation ->
                assertThat(operation.path("security").findValues("adminApiKey")).isNotEmpty());
    }

    @Test
    void swaggerUiOpensInTheBrowserAfterSigningInToTheConsole() {
        assumeThat(Browser.available()).as("Chromium and chromium-driver are not installed").isTrue();
        try (Browser browser = new Browser(base())) {
            browser.open("/swagger-ui");
            assertThat(browser.path()).isEqualTo("/login");

            browser.find("#key").sendKeys(adminApiKey.value());
            browser.find("button[type=submit]").click();

            browser.await(WAIT, ExpectedConditions.urlContains("/swagger-ui/index.html"));
            browser.await(WAIT, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .btn.authorize")));
            assertThat(browser.text(".swagger-ui .info .title")).contains("OpenAPI");
            assertThat(browser.all(".swagger-ui .opblock-tag")).as("the API's operations are listed").isNotEmpty();
        }
    }
}
