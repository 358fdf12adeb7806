package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.paymentsimulator.SimulatedProvider;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestTemplate;

/**
 * Stops the app with orders done and one in flight, starts it again on the same data directory, and checks
 * that nothing was lost, nothing was applied twice, and the in-flight order's payment deadline, scheduled
 * before the stop, still fires after it.
 */
class RestartTest {

    /** Generous: the machine running the build may be busy; every wait ends as soon as its condition holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsEveryOrderAppliesNothingTwiceAndStillFiresPendingDeadlines() {
        InMemoryPaymentProvider firstProvider = new InMemoryPaymentProvider();
        List<String> confirmed = new ArrayList<>();
        String inFlight;
        int eventsBeforeStop;
        try (ConfigurableApplicationContext first = start(firstProvider)) {
            EventStoreProbe events = probe(first);
            for (int i = 0; i < 3; i++) {
                String orderId = placeOrder(first, "kettle", 1);
                events.awaitOrderStatus(orderId, OrderStatus.CONFIRMED);
                confirmed.add(orderId);
            }
            firstProvider.pauseCharges();
            inFlight = placeOrder(first, "grinder", 2);
            await().until(() -> firstProvider.pausedCharges() > 0);
            eventsBeforeStop = events.all().size();
            assertThat(events.orderStatus(inFlight)).isEqualTo(OrderStatus.PENDING);
        }
        Instant restartedAt = Instant.now();

        InMemoryPaymentProvider secondProvider = new InMemoryPaymentProvider().pauseCharges();
        try (ConfigurableApplicationContext second = start(secondProvider)) {
            EventStoreProbe events = probe(second);
            List<TrackedEventMessage<?>> afterRestart = events.all();
            assertThat(afterRestart).hasSizeGreaterThanOrEqualTo(eventsBeforeStop);
            assertThat(afterRestart.stream().filter(e -> e.getPayload() instanceof ProductAddedEvent))
                    .as("the demo catalogue is seeded once").hasSize(DemoCatalogue.PRODUCTS.size());
            for (String orderId : confirmed) {
                assertThat(events.orderStatus(orderId)).isEqualTo(OrderStatus.CONFIRMED);
                assertThat(events.count(orderId, OrderConfirmedEvent.class)).isEqualTo(1);
                assertThat(events.count(PaymentId.forOrder(OrderId.of(orderId)).value(), PaymentCompletedEvent.class))
                        .isEqualTo(1);
            }

            events.awaitOrderStatus(inFlight, OrderStatus.REJECTED);
            assertThat(events.last(inFlight, OrderRejectedEvent.class).reason()).contains("payment timeout");
            assertThat(events.streamOf(inFlight).get(events.streamOf(inFlight).size() - 1).getTimestamp())
                    .as("the deadline fired after the restart").isAfter(restartedAt);
            await().untilAsserted(() -> assertThat(releasesFor(events, inFlight)).isEqualTo(1));
            secondProvider.resumeCharges(); // the charge goes through late, and is given back
            String payment = PaymentId.forOrder(OrderId.of(inFlight)).value();
            await().untilAsserted(() -> assertThat(events.count(payment, PaymentRefundedEvent.class)).isEqualTo(1));

            List<TrackedEventMessage<?>> all = events.all();
            assertThat(all.stream().filter(e -> e.getPayload() instanceof StockReservedEvent reserved
                                                && reserved.orderId().value().equals(inFlight)))
                    .as("the in-flight order is reserved once").hasSize(1);
            assertThat(all.stream().filter(e -> e.getPayload() instanceof StockSoldEvent))
                    .as("each confirmed order sold once").hasSize(confirmed.size());
            assertThat(events.count(inFlight, OrderRejectedEvent.class)).isEqualTo(1);
        }
    }

    /**
     * The case of the crash report: money captured, the process gone, the order cancelled after the restart. The
     * simulator keeps its ledger on disk as a real provider does, so the refund finds the charge.
     */
    @Test
    void aChargeCapturedBeforeARestartIsRefundedAfterIt() {
        String orderId;
        SimulatedProvider.Charge charge;
        try (ConfigurableApplicationContext first = startWithSimulator()) {
            orderId = placeOrder(first, "kettle", 1);
            probe(first).awaitOrderStatus(orderId, OrderStatus.CONFIRMED);
            charge = first.getBean(SimulatedProvider.class).findCharge(paymentOf(orderId)).orElseThrow();
        }

        try (ConfigurableApplicationContext second = startWithSimulator()) {
            EventStoreProbe events = probe(second);
            post(second, "/api/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"));

            await().atMost(PATIENCE).untilAsserted(
                    () -> assertThat(events.count(paymentOf(orderId), PaymentRefundedEvent.class)).isEqualTo(1));
            assertThat(events.count(paymentOf(orderId), CompensationFailedEvent.class)).isZero();
            assertThat(second.getBean(SimulatedProvider.class).ledger().refunds())
                    .as("the charge made before the restart is the one given back")
                    .singleElement().satisfies(refund -> {
                        assertThat(refund.chargeId()).isEqualTo(charge.chargeId());
                        assertThat(refund.amount()).isEqualByComparingTo(charge.amount());
                    });
            assertThat(events.orderStatus(orderId)).isEqualTo(OrderStatus.CANCELLED);
        }
    }

    /**
     * A provider that forgot the charge (a simulator with its ledger in memory) refuses the refund after the
     * restart: that answer is recorded once for an operator instead of being asked again for ever. The operator's
     * retry asks again; refused again, it is a new failure; once the provider knows the charge, the retry
     * refunds it and the order has no open failure left.
     */
    @Test
    void aRefundTheProviderRefusesIsAFailureForAnOperatorWhoseRetryRefundsItOnceTheProviderKnowsTheCharge() {
        String inMemoryLedger = "--payment-simulator.ledger-url=";
        String orderId;
        SimulatedProvider.Charge charge;
        try (ConfigurableApplicationContext first = startWithSimulator(inMemoryLedger)) {
            orderId = placeOrder(first, "kettle", 1);
            probe(first).awaitOrderStatus(orderId, OrderStatus.CONFIRMED);
            charge = first.getBean(SimulatedProvider.class).findCharge(paymentOf(orderId)).orElseThrow();
        }

        try (ConfigurableApplicationContext second = startWithSimulator(inMemoryLedger)) {
            EventStoreProbe events = probe(second);
            String payment = paymentOf(orderId);
            post(second, "/api/orders/" + orderId + "/cancel", Map.of("reason", "changed my mind"));

            String refused = awaitOpenFailure(second, orderId, List.of());
            int paymentEvents = events.streamOf(payment).size();
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
                   .until(() -> events.streamOf(payment).size() == paymentEvents);
            assertThat(events.count(payment, CompensationFailedEvent.class)).as("recorded once, not retried").isEqualTo(1);

            post(second, "/api/admin/compensations/" + refused + "/retry", null);
            String refusedAgain = awaitOpenFailure(second, orderId, List.of(refused));
            assertThat(openFailures(second)).as("the retry closed the first, the second refusal is open")
                                            .containsExactly(refusedAgain);

            // What an operator settles with the provider: it finds the charge again.
            second.getBean(SimulatedProvider.class).charge(payment, orderId, charge.amount(), charge.currency());
            post(second, "/api/admin/compensations/" + refusedAgain + "/retry", null);

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(events.count(payment, PaymentRefundedEvent.class)).isEqualTo(1);
                assertThat(openFailures(second)).isEmpty();
                assertThat(JsonPath.<List<String>>read(get(second, "/api/orders/" + orderId),
                                                       "$.compensationFailures[*].settledAt"))
                        .hasSize(2).doesNotContainNull();
            });
            assertThat(events.count(payment, CompensationFailedEvent.class)).isEqualTo(2);
        }
    }

    /** Waits for a failure of the order not among {@code known} to be listed open, and returns its id. */
    private static String awaitOpenFailure(ConfigurableApplicationContext context, String orderId, List<String> known) {
        return await().atMost(PATIENCE).ignoreExceptions().until(
                () -> JsonPath.<List<String>>read(get(context, "/api/orders/" + orderId),
                                                  "$.compensationFailures[*].failureId").stream()
                              .filter(id -> !known.contains(id) && openFailures(context).contains(id))
                              .findFirst().orElse(null),
                id -> id != null);
    }

    private static List<String> openFailures(ConfigurableApplicationContext context) {
        return JsonPath.read(get(context, "/api/admin/compensations"), "$[*].failure.failureId");
    }

    private static String paymentOf(String orderId) {
        return PaymentId.forOrder(OrderId.of(orderId)).value();
    }

    private static long releasesFor(EventStoreProbe events, String orderId) {
        return events.payloadsOf("grinder").stream()
                     .filter(e -> e instanceof StockReleasedEvent released && released.orderId().value().equals(orderId))
                     .count();
    }

    private ConfigurableApplicationContext start(PaymentProvider provider) {
        return new SpringApplicationBuilder(FulfillmentApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("paymentProvider", provider))
                .run("--fulfillment.data-dir=" + dataDir, "--fulfillment.payment-timeout=20s", "--server.port=0", "--fulfillment.payment.provider=in-memory");
    }

    /** The app as it is run, with its HTTP provider: the simulator it serves, with the ledger it is configured with. */
    private ConfigurableApplicationContext startWithSimulator(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--fulfillment.data-dir=" + dataDir, "--server.port=0",
                                                   "--fulfillment.payment.provider=http"));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(FulfillmentApplication.class).run(all.toArray(String[]::new));
    }

    private static EventStoreProbe probe(ConfigurableApplicationContext context) {
        return new EventStoreProbe(context.getBean(EventStore.class));
    }

    private static String placeOrder(ConfigurableApplicationContext context, String productId, int quantity) {
        return JsonPath.read(post(context, "/api/orders", StandaloneEndToEndTest.orderBody(productId, quantity)),
                             "$.orderId");
    }

    private static String post(ConfigurableApplicationContext context, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return asOperator().postForObject(url(context, path), new HttpEntity<>(body, headers), String.class);
    }

    private static String get(ConfigurableApplicationContext context, String path) {
        return asOperator().getForObject(url(context, path), String.class);
    }

    private static RestTemplate asOperator() {
        return TestUsers.as(TestUsers.OPERATOR, new RestTemplateBuilder()).build();
    }

    private static String url(ConfigurableApplicationContext context, String path) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
    }
}
