package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Browsers of other origins, with {@code fulfillment.security.allowed-origins} naming one: its preflight requests
 * are answered with credentials allowed, another origin's are refused, and its calls get the CORS headers.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"fulfillment.payment.provider=in-memory",
                              "fulfillment.security.allowed-origins=https://shop.example"})
@DirtiesContext // its settings are its own
class BrowserOriginsTest {

    private static final String SHOP = "https://shop.example";
    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString(
            "alice:demo".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredWithCredentialsAllowed() throws Exception {
        HttpResponse<String> answer = preflight(SHOP);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).containsExactly(SHOP);
        assertThat(answer.headers().firstValue(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).hasValue("true");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() throws Exception {
        HttpResponse<String> answer = preflight("https://elsewhere.example");
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEmpty();
    }

    @Test
    void aCallFromTheAllowedOriginGetsTheHeaders() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(uri("/api/products")).header(HttpHeaders.ORIGIN, SHOP)
                           .header(HttpHeaders.AUTHORIZATION, ALICE).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).containsExactly(SHOP);
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/orders"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header(HttpHeaders.ORIGIN, origin)
                                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                                    .build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
