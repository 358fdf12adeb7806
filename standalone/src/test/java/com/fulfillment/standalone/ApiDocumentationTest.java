package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OpenAPI document is organised for its readers: operations grouped by what one comes to do, not by
 * controller class, and the payment simulator, a stand-in for an external provider, kept apart from the
 * product's API.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "fulfillment.seed-catalogue=false")
class ApiDocumentationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void theProductsApiIsTaggedByCapabilityAndHoldsNoSimulatorPath() throws Exception {
        for (String document : List.of("/v3/api-docs", "/v3/api-docs/" + ApiDocumentation.PRODUCT_GROUP)) {
            JsonNode api = fetch(document);

            assertThat(names(api.path("tags"))).as(document)
                    .containsExactly("Orders", "Catalogue", "Queries", "Payments", "Administration");
            assertThat(operationTags(api)).as(document)
                    .containsOnly("Orders", "Catalogue", "Queries", "Payments", "Administration");
            assertThat(paths(api)).as(document)
                    .contains("/api/orders", "/api/orders/{orderId}/cancel", "/api/products/{productId}/price",
                              "/api/admin/projections", "/api/orders/{orderId}/overview")
                    .allSatisfy(path -> assertThat(path).startsWith("/api/"));
            assertThat(api.at("/paths/~1api~1orders/post/tags/0").asText()).isEqualTo("Orders");
            assertThat(api.at("/paths/~1api~1orders/get/tags/0").asText()).isEqualTo("Queries");
            assertThat(api.at("/paths/~1api~1orders~1{orderId}~1overview/get/tags/0").asText()).isEqualTo("Queries");
        }
    }

    @Test
    void theSimulatorsApiIsAGroupOfItsOwn() throws Exception {
        JsonNode simulator = fetch("/v3/api-docs/" + ApiDocumentation.SIMULATOR_GROUP);

        assertThat(simulator.at("/info/title").asText()).isEqualTo("Payment provider simulator");
        assertThat(names(simulator.path("tags"))).containsExactly("Provider API", "Faults");
        assertThat(paths(simulator)).contains("/simulator/charges", "/simulator/admin")
                                    .allSatisfy(path -> assertThat(path).startsWith("/simulator/"));
    }

    @Test
    void swaggerUiOffersTheProductsApiFirstAndTheSimulatorBesideIt() throws Exception {
        JsonNode config = fetch("/v3/api-docs/swagger-config");

        assertThat(names(config.path("urls"))).containsExactly("Fulfillment API", "Payment provider simulator");
    }

    private JsonNode fetch(String path) throws Exception {
        ResponseEntity<String> answer = http.getForEntity(path, String.class);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return JSON.readTree(answer.getBody());
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static List<String> paths(JsonNode api) {
        List<String> paths = new ArrayList<>();
        api.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    private static List<String> operationTags(JsonNode api) {
        List<String> tags = new ArrayList<>();
        api.path("paths").forEach(item -> item.forEach(operation -> operation.path("tags").forEach(
                tag -> tags.add(tag.asText()))));
        return tags;
    }
}
