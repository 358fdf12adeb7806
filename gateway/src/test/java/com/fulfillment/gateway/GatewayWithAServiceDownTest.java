package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.awaitility.Awaitility;
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
 * The gateway while the payment service is not running: what a client is told, and how a route's circuit
 * breaker opens, keeps requests away from the service, and lets them through again once it has waited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fulfillment.gateway.circuit-breaker.minimum-number-of-calls=4",
        "fulfillment.gateway.circuit-breaker.sliding-window-size=4",
        "fulfillment.gateway.circuit-breaker.wait-in-open-state=2s",
        "fulfillment.gateway.retries=1"})
class GatewayWithAServiceDownTest {

    /** Where the payment service is expected; nothing listens there until a test starts it. */
    private static final int PAYMENT_PORT = freePort();

    @DynamicPropertySource
    static void paymentServiceNotRunning(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.gateway.services.payment-service", () -> "http://localhost:" + PAYMENT_PORT);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @BeforeEach
    void closedBreakersAndTheOperatorsCredentials() {
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        client = client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, GatewayUsers.OPERATOR).build();
    }

    @Test
    void aServiceThatCannotBeReachedIsAnswered503WithAProblemAndRetryAfter() {
        client.get().uri("/api/payments/order-1").exchange()
              .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
              .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
              .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
              .expectBody()
              .jsonPath("$.status").isEqualTo(503)
              .jsonPath("$.title").isEqualTo("Service Unavailable")
              .jsonPath("$.detail").isEqualTo("payment-service cannot be reached; try again later")
              .jsonPath("$.instance").isEqualTo("/api/payments/order-1");

        client.post().uri("/simulator/admin").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
              .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
              .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
              .expectBody().jsonPath("$.instance").isEqualTo("/simulator/admin");
    }

    @Test
    void aRoutesBreakerOpensAfterRepeatedFailuresKeepsRequestsFromTheServiceAndClosesOnceItAnswers() {
        for (int i = 0; i < 4; i++) {
            client.get().uri("/api/payments/order-1").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        }
        assertThat(breakers.getCircuitBreakerRegistry().circuitBreaker("payment-queries").getState())
                .isEqualTo(CircuitBreaker.State.OPEN);

        try (StubService payment = StubService.startOn("payment-service", PAYMENT_PORT)) {
            client.get().uri("/api/payments/order-1").exchange()
                  .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                  .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                  .expectBody().jsonPath("$.detail")
                  .isEqualTo("payment-service failed repeatedly and is given time to recover; try again later");
            assertThat(payment.received()).as("requests while the breaker is open").isEmpty();
            // Another route to the same service has a breaker of its own, still closed.
            client.get().uri("/simulator/admin").exchange().expectStatus().isOk();

            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                      .until(() -> client.get().uri("/api/payments/order-1").exchange()
                                         .expectBody().returnResult().getStatus().is2xxSuccessful());
            assertThat(payment.received("/api/payments/order-1")).isNotEmpty();
        }
    }

    @Test
    void theGatewayIsReadyWhileItsHealthShowsTheServiceThatIsNotRunning() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health").exchange()
              .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
              .expectBody()
              .jsonPath("$.components.services.components.payment-service.status").isEqualTo("DOWN")
              .jsonPath("$.components.services.components.payment-service.details.readiness")
              .isEqualTo("http://localhost:" + PAYMENT_PORT + "/actuator/health/readiness");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
