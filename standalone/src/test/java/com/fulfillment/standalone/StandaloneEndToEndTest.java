package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.PlaceOrderCommand;
import com.fulfillment.payment.api.ExpirePaymentCommand;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.platform.correlation.CorrelationIds;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.platform.events.StreamPosition;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The standalone app on a random port with its embedded storage, driven over real HTTP: each fulfillment
 * path from the README, and every kind of bad input, which must get a problem body and store nothing.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"fulfillment.seed-catalogue=false", "fulfillment.payment-timeout=20s", "fulfillment.payment.provider=in-memory"})
class StandaloneEndToEndTest {

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
    EventStore eventStore;
    @Autowired
    PaymentProvider paymentProvider;
    @Autowired
    CommandGateway commands;

    EventStoreProbe events;
    InMemoryPaymentProvider provider;
    String sku;

    @BeforeEach
    void setUp() {
        events = new EventStoreProbe(eventStore);
        provider = (InMemoryPaymentProvider) paymentProvider;
        sku = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<String> added = post("/api/products", Map.of(
                "productId", sku, "name", "Test product", "unitPrice", Map.of("amount", "12.50", "currency", "EUR"),
                "initialStock", 10));
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @AfterEach
    void resetProvider() {
        provider.resumeCharges().resetRules();
    }

    @Test
    void anOrderIsPlacedAndConfirmed() {
        ResponseEntity<String> placed = placeOrder(sku, 3);

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String orderId = JsonPath.read(placed.getBody(), "$.orderId");
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + orderId);
        events.awaitOrderStatus(orderId, OrderStatus.CONFIRMED);
        await().untilAsserted(() -> assertThat(events.last(sku, StockSoldEvent.class).quantity()).isEqualTo(3));
        assertThat(provider.chargeCount(PaymentId.forOrder(OrderId.of(orderId)))).isEqualTo(1);
    }

    @Test
    void aClientMayWaitForTheOutcomeOfItsOrder() {
        ResponseEntity<String> confirmed = post("/api/orders?waitSeconds=10", orderBody(sku, 1));
        ResponseEntity<String> rejected = post("/api/orders?waitSeconds=10", orderBody(sku, 100));

        assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(confirmed.getBody(), "$.status")).isEqualTo("CONFIRMED");
        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) JsonPath.read(rejected.getBody(), "$.status")).isEqualTo("REJECTED");
        assertThat((String) JsonPath.read(rejected.getBody(), "$.reason")).contains("out of stock");
    }

    @Test
    void aWaitThatRunsOutAnswersAcceptedWithThePendingOrder() {
        provider.pauseCharges();

        ResponseEntity<String> placed = post("/api/orders?waitSeconds=1", orderBody(sku, 1));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat((String) JsonPath.read(placed.getBody(), "$.status")).isEqualTo("PENDING");
    }

    @Test
    void aWaitLongerThanTenSecondsIsRefused() {
        ResponseEntity<String> placed = post("/api/orders?waitSeconds=60", orderBody(sku, 1));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) JsonPath.read(placed.getBody(), "$.detail")).contains("waitSeconds");
    }

    @Test
    void anOrderForMoreThanIsInStockIsRejectedNamingTheShortage() {
        String orderId = JsonPath.read(placeOrder(sku, 12).getBody(), "$.orderId");

        events.awaitOrderStatus(orderId, OrderStatus.REJECTED);
        assertThat(events.last(orderId, OrderRejectedEvent.class).reason())
                .contains("out of stock").contains(sku).contains("requested 12").contains("available 10");
    }

    @Test
    void aDeclinedPaymentRejectsTheOrderAndReleasesItsStock() {
        provider.declineAbove(Money.of("20.00", "EUR"));

        String orderId = JsonPath.read(placeOrder(sku, 2).getBody(), "$.orderId");

        events.awaitOrderStatus(orderId, OrderStatus.REJECTED);
        assertThat(events.last(orderId, OrderRejectedEvent.class).reason()).contains("payment declined");
        await().untilAsserted(() -> assertThat(events.last(sku, StockReleasedEvent.class).orderId().value())
                .isEqualTo(orderId));
    }

    @Test
    void anOrderCancelledBeforeConfirmationReleasesItsStockAndGivesBackMoneyTakenLate() {
        provider.pauseCharges();
        String orderId = JsonPath.read(placeOrder(sku, 2).getBody(), "$.orderId");
        await().until(() -> provider.pausedCharges() > 0); // stock reserved, the charge is at the provider

        ResponseEntity<String> cancelled = post("/api/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"));
        provider.resumeCharges();

        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        events.awaitOrderStatus(orderId, OrderStatus.CANCELLED);
        assertThat(events.last(orderId, OrderCancelledEvent.class).previousStatus()).isEqualTo(OrderStatus.PENDING);
        await().untilAsserted(() -> assertThat(events.last(sku, StockReleasedEvent.class).orderId().value())
                .isEqualTo(orderId));
        String payment = PaymentId.forOrder(OrderId.of(orderId)).value();
        await().untilAsserted(() -> assertThat(events.count(payment, PaymentRefundedEvent.class)).isEqualTo(1));
    }

    @Test
    void anOrderCancelledAfterConfirmationIsRefundedAndRestocked() {
        String orderId = JsonPath.read(placeOrder(sku, 4).getBody(), "$.orderId");
        events.awaitOrderStatus(orderId, OrderStatus.CONFIRMED);

        ResponseEntity<String> cancelled = post("/api/orders/" + orderId + "/cancel", Map.of());

        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        events.awaitOrderStatus(orderId, OrderStatus.CANCELLED);
        String payment = PaymentId.forOrder(OrderId.of(orderId)).value();
        await().untilAsserted(() -> assertThat(events.count(payment, PaymentRefundedEvent.class)).isEqualTo(1));
        await().untilAsserted(() -> assertThat(events.last(sku, StockReturnedEvent.class).quantity()).isEqualTo(4));
        assertThat(provider.refundCount(PaymentId.forOrder(OrderId.of(orderId)))).isEqualTo(1);
    }

    @Test
    void retryingAPostWithTheSameIdempotencyKeyPlacesOneOrder() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", "retry-" + sku);

        ResponseEntity<String> first = post("/api/orders", orderBody(sku, 1), headers);
        ResponseEntity<String> second = post("/api/orders", orderBody(sku, 1), headers);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String orderId = JsonPath.read(first.getBody(), "$.orderId");
        assertThat((String) JsonPath.read(second.getBody(), "$.orderId")).isEqualTo(orderId);
        assertThat(second.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events.count(orderId, OrderPlacedEvent.class)).isEqualTo(1);
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        ResponseEntity<String> response = post("/api/orders/order-does-not-exist/cancel", Map.of());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void cancellingARejectedOrderIsAConflict() {
        String orderId = JsonPath.read(placeOrder(sku, 50).getBody(), "$.orderId");
        events.awaitOrderStatus(orderId, OrderStatus.REJECTED);

        ResponseEntity<String> response = post("/api/orders/" + orderId + "/cancel", Map.of());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) JsonPath.read(response.getBody(), "$.detail")).contains("REJECTED");
    }

    @Test
    void theCorrelationIdIsReturnedAndCarriedByTheOrdersEvents() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(CorrelationIds.HEADER, "trace-me-123");

        ResponseEntity<String> placed = post("/api/orders", orderBody(sku, 1), headers);

        assertThat(placed.getHeaders().getFirst(CorrelationIds.HEADER)).isEqualTo("trace-me-123");
        String orderId = JsonPath.read(placed.getBody(), "$.orderId");
        events.awaitOrderStatus(orderId, OrderStatus.CONFIRMED);
        assertThat(events.streamOf(orderId))
                .allSatisfy(event -> assertThat(event.getMetaData()).containsEntry(CorrelationIds.METADATA_KEY,
                                                                                   "trace-me-123"));
        assertThat(events.streamOf(PaymentId.forOrder(OrderId.of(orderId)).value()))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getMetaData()).containsEntry(CorrelationIds.METADATA_KEY,
                                                                                   "trace-me-123"));
    }

    @Test
    void theEventBrowserShowsAnOrdersStreamAndTheGlobalStream() {
        String orderId = JsonPath.read(placeOrder(sku, 1).getBody(), "$.orderId");
        events.awaitOrderStatus(orderId, OrderStatus.CONFIRMED);

        String stream = http.getForObject("/api/admin/events?aggregateId=" + orderId, String.class);
        String firstPage = http.getForObject("/api/admin/events?after=-1&limit=3", String.class);
        Number next = JsonPath.read(firstPage, "$.next");
        String secondPage = http.getForObject("/api/admin/events?after=" + next + "&limit=3", String.class);

        assertThat((List<String>) JsonPath.read(stream, "$.events[*].type"))
                .containsExactly("OrderPlacedEvent", "OrderConfirmedEvent");
        assertThat((String) JsonPath.read(stream, "$.events[0].metaData.correlationId")).isNotBlank();
        assertThat((List<Object>) JsonPath.read(firstPage, "$.events")).hasSize(3);
        assertThat((List<Object>) JsonPath.read(firstPage, "$.events[*].metaData." + StreamPosition.METADATA_KEY))
                .as("the index the store names on reading is shown as the index, not as stored metadata").isEmpty();
        assertThat(((Number) JsonPath.read(secondPage, "$.events[0].globalIndex")).longValue())
                .isGreaterThan(next.longValue());
        assertThat(http.getForObject("/events.html", String.class)).contains("Event store");
    }

    /**
     * The order's deadline can pass before the payment saga asks for the payment (a saga far behind after a
     * restart): the payment is then created expired, and the request that comes later must change nothing.
     * Here a saga's command is stored with the saga's batch, so a request that tried to create the payment
     * again failed only when that batch committed, and failed again at every retry: the payment saga's
     * segment stalled for every order on it.
     */
    @Test
    void aPaymentThatExpiredBeforeItWasRequestedIsNotChargedAndHoldsUpNoOtherOrder() {
        OrderId orderId = OrderId.of("order-" + UUID.randomUUID());
        PaymentId paymentId = PaymentId.forOrder(orderId);
        commands.sendAndWait(new ExpirePaymentCommand(paymentId, orderId, "the deadline passed before the request"));

        commands.sendAndWait(new PlaceOrderCommand(orderId, CustomerId.of("customer-1"),
                                                   List.of(new OrderLine(ProductId.of(sku), 1))));

        await().until(() -> events.all().stream().anyMatch(event -> event.getPayload() instanceof OrderStockReservedEvent
                                                                    reserved && reserved.orderId().equals(orderId)));
        List<String> later = IntStream.range(0, 4).mapToObj(i -> placeOrder(sku, 1))
                                      .map(placed -> JsonPath.<String>read(placed.getBody(), "$.orderId")).toList();
        later.forEach(next -> events.awaitOrderStatus(next, OrderStatus.CONFIRMED));
        assertThat(events.payloadsOf(paymentId.value())).hasSize(1).first().isInstanceOf(PaymentExpiredEvent.class);
        assertThat(provider.chargeCount(paymentId)).isZero();
    }

    private ResponseEntity<String> placeOrder(String productId, int quantity) {
        return post("/api/orders", orderBody(productId, quantity));
    }

    static Map<String, Object> orderBody(String productId, int quantity) {
        return Map.of("customerId", "customer-1", "lines", List.of(Map.of("productId", productId, "quantity", quantity)));
    }

    private ResponseEntity<String> post(String path, Object body) {
        return post(path, body, new HttpHeaders());
    }

    private ResponseEntity<String> post(String path, Object body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
