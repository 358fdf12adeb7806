package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * The gateway in front of four stand-in services: which service each URL of the standalone app reaches, the
 * links it passes on, an order's status stream event by event, and which requests it sends again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "fulfillment.gateway.timeouts.order-queries=500ms",
        "fulfillment.gateway.timeouts.order-commands=500ms"})
class GatewayRoutingTest {

    private static final StubServices STUBS = new StubServices();
    private static final StubService ORDER = STUBS.order;
    private static final StubService PAYMENT = STUBS.payment;
    private static final StubService QUERY = STUBS.query;
    private static final Map<String, StubService> SERVICES = STUBS.byName;

    @DynamicPropertySource
    static void servicesAtTheStubs(DynamicPropertyRegistry registry) {
        STUBS.register(registry);
    }

    @AfterAll
    static void stopTheStubs() {
        STUBS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory breakers;

    @BeforeEach
    void freshStubsAndBreakers() {
        STUBS.reset();
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        client = client.mutate().responseTimeout(Duration.ofSeconds(10))
                       .defaultHeader(HttpHeaders.AUTHORIZATION, GatewayUsers.OPERATOR).build();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST,   /api/orders,                                                   order-service",
            "POST,   /api/orders/order-1/cancel,                                    order-service",
            "GET,    /api/orders,                                                   query-projections",
            "GET,    /api/orders/order-1,                                           query-projections",
            "GET,    /api/customers/alice,                                          query-projections",
            "GET,    /api/products,                                                 query-projections",
            "GET,    /api/products/grinder,                                         query-projections",
            "POST,   /api/products,                                                 inventory-service",
            "POST,   /api/products/grinder/restock,                                 inventory-service",
            "PUT,    /api/products/grinder/price,                                   inventory-service",
            "GET,    /api/payments/order-1,                                         payment-service",
            "GET,    /simulator/admin,                                              payment-service",
            "POST,   /simulator/admin,                                              payment-service",
            "POST,   /simulator/admin/reset,                                        payment-service",
            "GET,    /simulator/ledger,                                             payment-service",
            "GET,    /api/admin/projections,                                        query-projections",
            "POST,   /api/admin/projections/order-view/rebuild,                     query-projections",
            "GET,    /api/admin/compensations,                                      query-projections",
            "POST,   /api/admin/compensations/failure-1/settle,                     query-projections",
            "POST,   /api/admin/dead-letters/order-fulfillment-saga/orders/order-1/retry, order-service",
            "DELETE, /api/admin/dead-letters/inventory-reservation-saga/letters/event-1, inventory-service",
            "POST,   /api/admin/dead-letters/payment-saga/orders/order-1/retry,     payment-service"})
    void eachUrlOfTheStandaloneAppReachesTheServiceThatServesIt(String method, String path, String service) {
        client.method(HttpMethod.valueOf(method)).uri(path)
              .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
              .exchange()
              .expectStatus().isOk()
              .expectBody()
              .jsonPath("$.service").isEqualTo(service)
              .jsonPath("$.method").isEqualTo(method)
              .jsonPath("$.path").isEqualTo(path);

        SERVICES.forEach((name, stub) -> assertThat(stub.received(path))
                .as("requests %s received", name).hasSize(name.equals(service) ? 1 : 0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /api/admin/events",
            "DELETE, /api/orders/order-1",
            "GET,    /api/orders/order-1/cancel",
            "PUT,    /api/orders/order-1",
            "GET,    /api/admin/dead-letters/unknown-group/orders/order-1"})
    void urlsThatNoServiceServesAreNotFound(String method, String path) {
        client.method(HttpMethod.valueOf(method)).uri(path)
              .exchange()
              .expectStatus().isNotFound()
              .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        SERVICES.values().forEach(stub -> assertThat(stub.received()).as(stub.name).isEmpty());
    }

    @Test
    void theGatewaysHealthShowsEachServicesReadiness() {
        PAYMENT.answer("/actuator/health/readiness", exchange -> StubService.respond(exchange, 503, "{\"status\":\"DOWN\"}"));

        client.get().uri("/actuator/health").exchange()
              .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
              .expectBody()
              .jsonPath("$.components.services.components.order-service.status").isEqualTo("UP")
              .jsonPath("$.components.services.components.inventory-service.status").isEqualTo("UP")
              .jsonPath("$.components.services.components.query-projections.status").isEqualTo("UP")
              .jsonPath("$.components.services.components.payment-service.status").isEqualTo("DOWN")
              .jsonPath("$.components.services.components.payment-service.details.status").isEqualTo(503);
        assertThat(PAYMENT.received("/actuator/health/readiness")).isNotEmpty();
    }

    @Test
    void theLinksOfAPlacedOrderLeadToTheOrderThroughTheGateway() {
        ORDER.answer("/api/orders", exchange -> {
            exchange.getResponseHeaders().set(HttpHeaders.LOCATION, "/api/orders/order-1");
            StubService.respond(exchange, 202, "{\"orderId\":\"order-1\",\"href\":\"/api/orders/order-1\"}");
        });

        String location = client.post().uri("/api/orders")
                                .header("X-Forwarded-Host", "elsewhere.example")
                                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                                .exchange()
                                .expectStatus().isAccepted()
                                .expectBody().jsonPath("$.href").isEqualTo("/api/orders/order-1")
                                .returnResult().getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        client.get().uri(location).exchange()
              .expectStatus().isOk()
              .expectBody().jsonPath("$.service").isEqualTo("query-projections");

        StubService.Received placed = ORDER.received("/api/orders").get(0);
        assertThat(placed.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
        assertThat(placed.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(placed.header("X-Forwarded-Port")).isEqualTo(String.valueOf(port));
        assertThat(placed.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void anOrdersStatusStreamReachesTheClientEventByEventWhileTheServiceIsStillSending() throws Exception {
        CountDownLatch clientSawTheFirstEvent = new CountDownLatch(1);
        CountDownLatch streamEnded = new CountDownLatch(1);
        QUERY.answer("/api/orders/order-1/events", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                send(out, "{\"status\":\"PENDING\"}");
                if (clientSawTheFirstEvent.await(10, TimeUnit.SECONDS)) {
                    send(out, "{\"status\":\"CONFIRMED\"}");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                streamEnded.countDown();
            }
        });
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        AtomicInteger completed = new AtomicInteger();

        Disposable following = WebClient.create("http://localhost:" + port).get()
                .uri("/api/orders/order-1/events").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, GatewayUsers.OPERATOR)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .subscribe(event -> events.add(event.event() + " " + event.data()), error -> { },
                           completed::incrementAndGet);
        try {
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("order-status {\"status\":\"PENDING\"}");
            assertThat(streamEnded.getCount()).as("the service is still sending").isEqualTo(1);
            clientSawTheFirstEvent.countDown();
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("order-status {\"status\":\"CONFIRMED\"}");
            assertThat(streamEnded.await(10, TimeUnit.SECONDS)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> completed.get() == 1);
        } finally {
            following.dispose();
        }
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("event: order-status\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void aReadThatTimesOutIsSentAgain() {
        AtomicInteger calls = new AtomicInteger();
        QUERY.answer("/api/orders/order-1", exchange -> {
            if (calls.incrementAndGet() == 1) {
                sleep(Duration.ofMillis(1500));
            }
            StubService.respond(exchange, 200, "{\"orderId\":\"order-1\"}");
        });

        client.get().uri("/api/orders/order-1").exchange()
              .expectStatus().isOk()
              .expectBody().jsonPath("$.orderId").isEqualTo("order-1");
        assertThat(QUERY.received("/api/orders/order-1")).hasSize(2);
    }

    @Test
    void aCommandThatTimesOutIsNotSentAgainAndIsAnswered504() {
        ORDER.answer("/api/orders", exchange -> {
            sleep(Duration.ofMillis(1500));
            StubService.respond(exchange, 202, "{}");
        });

        client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
              .exchange()
              .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
              .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
              .expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER)
              .expectBody()
              .jsonPath("$.status").isEqualTo(504)
              .jsonPath("$.detail").isEqualTo("order-service did not answer in time")
              .jsonPath("$.instance").isEqualTo("/api/orders");
        assertThat(ORDER.received("/api/orders")).hasSize(1);
    }

    @Test
    void aServicesOwnErrorReachesTheClientAsItIsAndIsNotSentAgain() {
        QUERY.answer("/api/orders/order-1", exchange -> {
            exchange.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, "7");
            exchange.getResponseHeaders().set("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            byte[] body = "{\"status\":503,\"detail\":\"Axon Server is not reachable\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });

        client.get().uri("/api/orders/order-1").exchange()
              .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
              .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "7")
              .expectBody().jsonPath("$.detail").isEqualTo("Axon Server is not reachable");
        assertThat(QUERY.received("/api/orders/order-1")).hasSize(1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
