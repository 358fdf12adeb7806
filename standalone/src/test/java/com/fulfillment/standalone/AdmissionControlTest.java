package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.PlaceOrderCommand;
import com.fulfillment.order.web.OrderIds;
import com.fulfillment.order.web.PlacementAdmission;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.platform.metrics.ProcessorLag;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.scenarios.Credentials;
import com.jayway.jsonpath.JsonPath;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Admission of order placements: with room for one placement at a time and {@value #ORDERS_PER_USER} orders per
 * user an hour, a placement that finds another being stored is refused with 503, so is one while an event processor
 * is more than {@value #MAX_PROCESSOR_LAG} behind, one over its user's allowance with 429, each with a problem body
 * and {@code Retry-After}, and none leaves a trace in the event store. Each
 * test orders as users of its own, so that the allowances do not depend on the order the tests run in. Requests go
 * through the JDK's client, which, unlike Apache's under {@code TestRestTemplate}, does not itself wait out a
 * {@code Retry-After} and send the request again.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"fulfillment.seed-catalogue=false",
                              "fulfillment.payment.provider=in-memory",
                              "fulfillment.security.customers=alice,bob,carol,dave,erin,frank,grace,heidi",
                              "fulfillment.admission.max-concurrent-placements=1",
                              "fulfillment.admission.max-processor-lag=" + AdmissionControlTest.MAX_PROCESSOR_LAG,
                              "fulfillment.admission.max-wait=0",
                              "fulfillment.admission.retry-after=3s",
                              "fulfillment.admission.orders-per-user=" + AdmissionControlTest.ORDERS_PER_USER,
                              "fulfillment.admission.orders-per-user-period=1h"})
@DirtiesContext // its settings are its own
class AdmissionControlTest {

    static final int ORDERS_PER_USER = 2;
    static final String MAX_PROCESSOR_LAG = "3s";
    /** How long the customer view is held up before each event it handles, while it is slowed down. */
    private static final Duration SLOW_EVENT = Duration.ofMillis(700);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    private static String sku;

    @LocalServerPort
    int port;
    @Autowired
    CommandBus commandBus;
    @Autowired
    EventStore eventStore;
    @Autowired
    PaymentProvider paymentProvider;
    @Autowired
    EventProcessingConfiguration eventProcessing;
    @Autowired
    ProcessorLag processorLag;
    @Autowired
    BulkheadRegistry bulkheads;
    private Bulkhead placements;

    @BeforeEach
    void aProductInStock() {
        placements = bulkheads.bulkhead(PlacementAdmission.BULKHEAD);
        if (sku != null) {
            return;
        }
        String product = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = post(TestUsers.OPERATOR, "/api/products", Map.of(
                "productId", product, "name", "Test product",
                "unitPrice", Map.of("amount", "5.00", "currency", "EUR"), "initialStock", 100), null);
        assertThat(added.statusCode()).isEqualTo(201);
        sku = product;
    }

    @Test
    void aPlacementWhileAnotherIsBeingStoredIsRefusedWithServiceUnavailableAndNothingIsStored() throws Exception {
        String heldKey = "held-" + UUID.randomUUID();
        String refusedKey = "refused-" + UUID.randomUUID();
        String refusedOrder = orderIdFor("carol", refusedKey);
        CountDownLatch stored = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The operator's placement is held on its way to the order aggregate, with its permit.
        Registration hold = commandBus.registerDispatchInterceptor(messages -> (index, command) -> {
            if (command.getPayload() instanceof PlaceOrderCommand placing
                && placing.orderId().value().equals(orderIdFor("carol", heldKey))) {
                stored.countDown();
                awaitQuietly(release);
            }
            return command;
        });
        try {
            CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
                    () -> placeOrder(TestUsers.OPERATOR, "carol", heldKey, ""));
            assertThat(stored.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("held placement under way").isTrue();

            HttpResponse<String> refused = placeOrder(customer("carol"), null, refusedKey, "");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
            assertThat(refused.headers().firstValue("Retry-After")).contains("3");
            assertThat((Integer) JsonPath.read(refused.body(), "$.status")).isEqualTo(503);
            assertThat((String) JsonPath.read(refused.body(), "$.type"))
                    .isEqualTo(PlacementAdmission.OVERLOADED.toString());
            assertThat((String) JsonPath.read(refused.body(), "$.instance")).isEqualTo("/api/orders");
            assertThat(new EventStoreProbe(eventStore).streamOf(refusedOrder)).as("refused order's events").isEmpty();

            release.countDown();
            assertThat(held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        } finally {
            release.countDown();
            hold.cancel();
        }
        // Sent again once there is room, it is placed for the first time: the refusal had stored nothing.
        HttpResponse<String> retried = placeOrder(customer("carol"), null, refusedKey, "");
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("false");
        assertThat(new EventStoreProbe(eventStore).count(refusedOrder, OrderPlacedEvent.class)).isEqualTo(1);
    }

    @Test
    void aPlacementWhileAProcessorIsBehindIsRefusedWithServiceUnavailableUntilItHasCaughtUp() {
        Duration bound = Duration.parse("PT" + MAX_PROCESSOR_LAG);
        AtomicBoolean slow = new AtomicBoolean(true);
        // The customer view now begins each event SLOW_EVENT after the last: it falls behind the orders' events.
        Registration slowDown = eventProcessing.eventProcessor(ProcessingGroups.CUSTOMER_VIEW).orElseThrow()
                                               .registerHandlerInterceptor((unitOfWork, chain) -> {
                                                   if (slow.get()) {
                                                       Thread.sleep(SLOW_EVENT.toMillis());
                                                   }
                                                   return chain.proceed();
                                               });
        String refusedKey = "refused-" + UUID.randomUUID();
        try {
            for (String customer : List.of("frank", "frank", "heidi", "heidi")) {
                assertThat(placeOrder(customer(customer), null, null, "").statusCode()).isEqualTo(202);
            }
            await().atMost(PATIENCE).until(() -> processorLag.furthestBehind()
                    .filter(behind -> behind.lag().compareTo(bound) > 0).isPresent());

            HttpResponse<String> refused = placeOrder(customer("grace"), null, refusedKey, "");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
            assertThat(refused.headers().firstValue("Retry-After")).contains("3");
            assertThat((String) JsonPath.read(refused.body(), "$.type"))
                    .isEqualTo(PlacementAdmission.OVERLOADED.toString());
            assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains(ProcessingGroups.CUSTOMER_VIEW);
            assertThat(new EventStoreProbe(eventStore).streamOf(orderIdFor("grace", refusedKey))).isEmpty();
        } finally {
            slow.set(false);
            slowDown.cancel();
        }
        // Caught up, the processors let placements in again, and the refused one is placed for the first time.
        await().atMost(PATIENCE).until(() -> processorLag.furthestBehind().isEmpty());
        HttpResponse<String> retried = placeOrder(customer("grace"), null, refusedKey, "");
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("false");
    }

    @Test
    void aClientWaitingForItsOrdersOutcomeHoldsNoPlaceOfTheBulkhead() throws Exception {
        InMemoryPaymentProvider provider = (InMemoryPaymentProvider) paymentProvider;
        provider.pauseCharges();
        try {
            CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(
                    () -> placeOrder(customer("bob"), null, null, "?waitSeconds=10"));
            // stored, and its charge held at the provider: bob's request now only waits for the outcome, and gives
            // its place back (the request's thread may get there after the charge: the two run side by side)
            await().atMost(PATIENCE).until(() -> provider.pausedCharges() > 0);
            await().atMost(PATIENCE).until(() -> placements.getMetrics().getAvailableConcurrentCalls() == 1);

            HttpResponse<String> meanwhile = placeOrder(customer("dave"), null, null, "");
            provider.resumeCharges();

            assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(202);
            HttpResponse<String> outcome = waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(outcome.statusCode()).isEqualTo(200);
            assertThat((String) JsonPath.read(outcome.body(), "$.status")).isEqualTo("CONFIRMED");
        } finally {
            provider.resumeCharges();
        }
    }

    @Test
    void aUserOverTheirAllowanceIsRefusedWithTooManyRequestsAndOtherUsersAreNot() {
        for (int i = 0; i < ORDERS_PER_USER; i++) {
            assertThat(placeOrder(customer("alice"), null, null, "").statusCode()).isEqualTo(202);
        }
        String refusedKey = "refused-" + UUID.randomUUID();

        HttpResponse<String> refused = placeOrder(customer("alice"), null, refusedKey, "");
        HttpResponse<String> someoneElse = placeOrder(customer("erin"), null, null, "");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).contains(PROBLEM_JSON);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
                .as("seconds until alice's next period").isBetween(3_000L, 3_600L);
        assertThat((Integer) JsonPath.read(refused.body(), "$.status")).isEqualTo(429);
        assertThat((String) JsonPath.read(refused.body(), "$.type"))
                .isEqualTo(PlacementAdmission.RATE_LIMITED.toString());
        assertThat((String) JsonPath.read(refused.body(), "$.detail")).contains("alice");
        assertThat(new EventStoreProbe(eventStore).streamOf(orderIdFor("alice", refusedKey))).isEmpty();
        assertThat(someoneElse.statusCode()).isEqualTo(202);
    }

    @Test
    void theBulkheadIsAMetricOfTheActuator() {
        HttpResponse<String> metric = send(TestUsers.OPERATOR, HttpRequest.newBuilder(uri(
                "/actuator/metrics/resilience4j.bulkhead.max.allowed.concurrent.calls?tag=name:"
                + PlacementAdmission.BULKHEAD)));

        assertThat(metric.statusCode()).isEqualTo(200);
        assertThat((List<Double>) JsonPath.read(metric.body(), "$.measurements[*].value")).containsExactly(1.0);
    }

    private static Credentials customer(String name) {
        return Credentials.demoCustomer(name);
    }

    private static String orderIdFor(String customer, String idempotencyKey) {
        return OrderIds.random().forIdempotencyKey(CustomerId.of(customer), idempotencyKey).value();
    }

    /** An order of one item; {@code customerId} is for the operator, who orders on a customer's behalf. */
    private HttpResponse<String> placeOrder(Credentials user, String customerId, String idempotencyKey,
                                              String query) {
        Map<String, Object> body = customerId == null
                ? Map.of("lines", List.of(Map.of("productId", sku, "quantity", 1)))
                : Map.of("customerId", customerId, "lines", List.of(Map.of("productId", sku, "quantity", 1)));
        return post(user, "/api/orders" + query, body, idempotencyKey);
    }

    private HttpResponse<String> post(Credentials user, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(user, request);
    }

    private HttpResponse<String> send(Credentials user, HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", user.authorization()).timeout(PATIENCE).build(),
                             HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
