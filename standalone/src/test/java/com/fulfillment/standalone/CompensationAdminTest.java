package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.inventory.api.CommitStockCommand;
import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.platform.CompensationGateway;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONArray;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A compensation refused for good is listed for operators and shown on its order; sent again once its cause is
 * fixed, or settled by hand, it is closed on the order; bad requests get problem bodies.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "fulfillment.seed-catalogue=true")
class CompensationAdminTest {

    private static final ProductId GRINDER = ProductId.of("grinder");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    TestRestTemplate http;

    /** Everything here runs as the operator, who may use every endpoint and orders on customers' behalf. */
    @Autowired
    void authenticate(TestRestTemplate anonymous) {
        http = TestUsers.as(TestUsers.OPERATOR, anonymous);
    }

    @Autowired
    CompensationGateway compensations;
    @Autowired
    CommandGateway commands;

    @Test
    void aRefusedCompensationIsListedShownOnItsOrderAndClosedByARetryOnceItsCauseIsFixed() {
        OrderId order = confirmedOrder();
        // Nothing of the grinder is reserved for this order, so selling it is refused: a failure for good.
        compensations.send(order, new CommitStockCommand(GRINDER, order));
        String failureId = awaitOpenFailure(order);

        ResponseEntity<String> refusedAgain = http.postForEntity("/api/admin/compensations/" + failureId + "/retry",
                                                                 null, String.class);
        assertProblem(refusedAgain, HttpStatus.CONFLICT, "has no reservation of product grinder");

        commands.sendAndWait(new ReserveStockCommand(GRINDER, order, 1));
        ResponseEntity<String> retried = http.postForEntity("/api/admin/compensations/" + failureId + "/retry",
                                                            null, String.class);
        assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String view = http.getForObject("/api/orders/" + order, String.class);
            assertThat((String) JsonPath.read(view, "$.compensationFailures[0].resolution")).startsWith("retried");
            assertThat(openFailures()).doesNotContain(failureId);
        });
        assertThat(JsonPath.<Integer>read(http.getForObject("/api/products/grinder", String.class), "$.reserved"))
                .as("the retried sale took the reservation").isZero();
        assertProblem(http.postForEntity("/api/admin/compensations/" + failureId + "/retry", null, String.class),
                      HttpStatus.CONFLICT, "was settled");
    }

    @Test
    void anOperatorSettlesARefusedCompensationByHandWithAResolution() {
        OrderId order = confirmedOrder();
        compensations.send(order, new CommitStockCommand(GRINDER, order));
        String failureId = awaitOpenFailure(order);

        assertProblem(settle(failureId, Map.of("resolution", " ")), HttpStatus.BAD_REQUEST, "resolution");
        assertProblem(settle(failureId, Map.of("note", "x")), HttpStatus.BAD_REQUEST, "");
        assertProblem(settle("no-such-failure", Map.of("resolution", "done")), HttpStatus.NOT_FOUND, "no-such-failure");

        ResponseEntity<String> settled = settle(failureId, Map.of("resolution", "counted by hand, nothing to sell"));
        assertThat(settled.getStatusCode()).as(settled.getBody()).isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String view = http.getForObject("/api/orders/" + order, String.class);
            assertThat((String) JsonPath.read(view, "$.compensationFailures[0].resolution"))
                    .isEqualTo("counted by hand, nothing to sell");
            assertThat((String) JsonPath.read(view, "$.compensationFailures[0].settledAt")).isNotNull();
        });
    }

    private OrderId confirmedOrder() {
        ResponseEntity<String> placed = http.postForEntity("/api/orders", json(Map.of(
                "customerId", "operator-test",
                "lines", List.of(Map.of("productId", "kettle", "quantity", 1)))), String.class);
        assertThat(placed.getStatusCode()).as(placed.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        OrderId order = OrderId.of(JsonPath.read(placed.getBody(), "$.orderId"));
        await().atMost(PATIENCE).until(() -> {
            ResponseEntity<String> view = http.getForEntity("/api/orders/" + order, String.class);
            return view.getStatusCode().is2xxSuccessful()
                   && "COMPLETED".equals(JsonPath.read(view.getBody(), "$.fulfillmentStatus"));
        });
        return order;
    }

    private String awaitOpenFailure(OrderId order) {
        await().atMost(PATIENCE).until(() -> {
            String view = http.getForObject("/api/orders/" + order, String.class);
            return !((JSONArray) JsonPath.read(view, "$.compensationFailures")).isEmpty();
        });
        String failureId = JsonPath.read(http.getForObject("/api/orders/" + order, String.class),
                                         "$.compensationFailures[0].failureId");
        assertThat(openFailures()).contains(failureId);
        return failureId;
    }

    private List<String> openFailures() {
        return JsonPath.read(http.getForObject("/api/admin/compensations", String.class), "$[*].failure.failureId");
    }

    private ResponseEntity<String> settle(String failureId, Map<String, String> body) {
        return http.postForEntity("/api/admin/compensations/" + failureId + "/settle", json(body), String.class);
    }

    private static HttpEntity<Object> json(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static void assertProblem(ResponseEntity<String> response, HttpStatus status, String detailMentions) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).contains(detailMentions);
    }
}
