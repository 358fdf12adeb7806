package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/orders/{id}/overview} through the gateway, against stand-ins for the query and payment services:
 * the whole overview, each secondary part missing when its service fails or is late, and the order view's own
 * absence or outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fulfillment.overview.timeouts.order=700ms",
        "fulfillment.overview.timeouts.payment=700ms",
        "fulfillment.overview.timeouts.availability=700ms",
        "fulfillment.overview.circuit-breaker.wait-in-open-state=4s"})
class GatewayOrderOverviewTest {

    private static final String ORDER = """
            {"orderId":"order-1","status":"CONFIRMED","lines":[{"productId":"grinder","quantity":1},
             {"productId":"kettle","quantity":2},{"productId":"grinder","quantity":1}]}""";

    private static final StubServices STUBS = new StubServices();
    private static final StubService PAYMENT = STUBS.payment;
    private static final StubService QUERY = STUBS.query;

    @DynamicPropertySource
    static void servicesAtTheStubs(DynamicPropertyRegistry registry) {
        STUBS.register(registry);
    }

    @AfterAll
    static void stopTheStubs() {
        STUBS.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @BeforeEach
    void servicesThatAnswer() {
        STUBS.reset();
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        client = client.mutate().responseTimeout(Duration.ofSeconds(10))
                       .defaultHeader(HttpHeaders.AUTHORIZATION, GatewayUsers.OPERATOR).build();
        QUERY.answer("/api/orders/order-1", exchange -> StubService.respond(exchange, 200, ORDER));
        QUERY.answer("/api/products/grinder", exchange -> StubService.respond(
                exchange, 200, "{\"productId\":\"grinder\",\"available\":7}"));
        QUERY.answer("/api/products/kettle", exchange -> StubService.respond(
                exchange, 200, "{\"productId\":\"kettle\",\"available\":0}"));
        PAYMENT.answer("/api/payments/order-1", exchange -> StubService.respond(
                exchange, 200, "{\"orderId\":\"order-1\",\"status\":\"COMPLETED\",\"attempts\":2}"));
    }

    @Test
    void anOrdersOverviewGathersItsViewItsPaymentAndItsProductsAvailability() {
        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.orderId").isEqualTo("order-1")
              .jsonPath("$.order.status").isEqualTo("CONFIRMED")
              .jsonPath("$.payment.status").isEqualTo("COMPLETED")
              .jsonPath("$.payment.attempts").isEqualTo(2)
              .jsonPath("$.availability.length()").isEqualTo(2)
              .jsonPath("$.availability[0].productId").isEqualTo("grinder")
              .jsonPath("$.availability[0].available").isEqualTo(7)
              .jsonPath("$.availability[1].productId").isEqualTo("kettle")
              .jsonPath("$.partial").isEqualTo(false)
              .jsonPath("$.missing.length()").isEqualTo(0);
        assertThat(QUERY.received("/api/products/grinder")).as("a product ordered twice is asked once").hasSize(1);
    }

    @Test
    void aCustomersOverviewAsksTheQueryServiceWithTheirOwnCredentialsAndThePaymentAsTheOperator() {
        client.get().uri("/api/orders/order-1/overview").header(HttpHeaders.AUTHORIZATION, GatewayUsers.ALICE)
              .exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.payment.status").isEqualTo("COMPLETED")
              .jsonPath("$.partial").isEqualTo(false);

        assertThat(QUERY.received("/api/orders/order-1").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo(GatewayUsers.ALICE);
        assertThat(QUERY.received("/api/products/kettle").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo(GatewayUsers.ALICE);
        assertThat(PAYMENT.received("/api/payments/order-1").get(0).header(HttpHeaders.AUTHORIZATION))
                .isEqualTo(GatewayUsers.OPERATOR);
    }

    @Test
    void anOrderTheQueryServiceDoesNotShowTheCustomerIsNotFoundForThem() {
        QUERY.answer("/api/orders/order-1", exchange -> StubService.respond(
                exchange, GatewayUsers.ALICE.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                          ? 404 : 200, ORDER));

        client.get().uri("/api/orders/order-1/overview").header(HttpHeaders.AUTHORIZATION, GatewayUsers.ALICE)
              .exchange()
              .expectStatus().isNotFound()
              .expectBody().jsonPath("$.payment").doesNotExist();
        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody().jsonPath("$.payment.status").isEqualTo("COMPLETED");
        assertThat(PAYMENT.received("/api/payments/order-1").get(1).header(HttpHeaders.AUTHORIZATION))
                .as("the operator's own credentials").isEqualTo(GatewayUsers.OPERATOR);
    }

    @Test
    void aPaymentRefusedToTheCredentialsIsMissingWithoutOpeningItsBreakerForOthers() {
        PAYMENT.answer("/api/payments/order-1", exchange -> StubService.respond(exchange, 403, "{\"status\":403}"));
        for (int call = 0; call < 12; call++) {
            client.get().uri("/api/orders/order-1/overview").exchange()
                  .expectStatus().isOk()
                  .expectBody()
                  .jsonPath("$.order.status").isEqualTo("CONFIRMED")
                  .jsonPath("$.payment").doesNotExist()
                  .jsonPath("$.missing").isEqualTo("payment");
        }
        PAYMENT.answer("/api/payments/order-1", exchange -> StubService.respond(
                exchange, 200, "{\"orderId\":\"order-1\",\"status\":\"COMPLETED\",\"attempts\":2}"));

        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.payment.status").isEqualTo("COMPLETED")
              .jsonPath("$.partial").isEqualTo(false);
        assertThat(PAYMENT.received("/api/payments/order-1")).hasSize(13);
    }

    @Test
    void anOrderWithoutAPaymentYetHasAWholeOverview() {
        PAYMENT.answer("/api/payments/order-1", exchange -> StubService.respond(exchange, 404, "{}"));

        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.payment").doesNotExist()
              .jsonPath("$.availability.length()").isEqualTo(2)
              .jsonPath("$.partial").isEqualTo(false);
    }

    @Test
    void aPaymentServiceThatFailsLeavesThePaymentMissing() {
        PAYMENT.answer("/api/payments/order-1", exchange -> StubService.respond(exchange, 500, "{}"));

        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.order.status").isEqualTo("CONFIRMED")
              .jsonPath("$.payment").doesNotExist()
              .jsonPath("$.availability.length()").isEqualTo(2)
              .jsonPath("$.partial").isEqualTo(true)
              .jsonPath("$.missing").isEqualTo("payment");
    }

    @Test
    void aProductThatIsLateLeavesTheAvailabilityMissingOnceItsTimeLimitHasPassed() {
        QUERY.answer("/api/products/kettle", exchange -> {
            sleep(Duration.ofMillis(2500));
            StubService.respond(exchange, 200, "{\"productId\":\"kettle\",\"available\":0}");
        });
        long started = System.nanoTime();

        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.payment.status").isEqualTo("COMPLETED")
              .jsonPath("$.availability").doesNotExist()
              .jsonPath("$.partial").isEqualTo(true)
              .jsonPath("$.missing").isEqualTo("availability");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void bothSecondaryPartsFailingLeaveTheOrderViewAlone() {
        PAYMENT.answer("/api/payments/order-1", exchange -> StubService.respond(exchange, 503, "{}"));
        QUERY.answer("/api/products/grinder", exchange -> StubService.respond(exchange, 500, "{}"));

        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.order.orderId").isEqualTo("order-1")
              .jsonPath("$.partial").isEqualTo(true)
              .jsonPath("$.missing[0]").isEqualTo("payment")
              .jsonPath("$.missing[1]").isEqualTo("availability");
    }

    @Test
    void anOrderViewThatCannotBeHadIsAnsweredUnavailableWithWhenToAskAgain() {
        QUERY.answer("/api/orders/order-1", exchange -> StubService.respond(exchange, 500, "{}"));

        client.get().uri("/api/orders/order-1/overview").exchange()
              .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
              .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
              .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "4")
              .expectBody()
              .jsonPath("$.status").isEqualTo(503)
              .jsonPath("$.type").isEqualTo("urn:fulfillment:problem:order-view-unavailable")
              .jsonPath("$.instance").isEqualTo("/api/orders/order-1/overview");
        assertThat(QUERY.received("/api/products/grinder")).isEmpty();
    }

    @Test
    void anUnknownOrderIsNotFound() {
        QUERY.answer("/api/orders/order-2", exchange -> StubService.respond(exchange, 404, "{\"status\":404}"));

        client.get().uri("/api/orders/order-2/overview").exchange()
              .expectStatus().isNotFound()
              .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
              .expectBody()
              .jsonPath("$.type").isEqualTo("urn:fulfillment:problem:not-found")
              .jsonPath("$.orderId").isEqualTo("order-2");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
