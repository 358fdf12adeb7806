package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

    private static EventStoreProbe probe(ConfigurableApplicationContext context) {
        return new EventStoreProbe(context.getBean(EventStore.class));
    }

    private static String placeOrder(ConfigurableApplicationContext context, String productId, int quantity) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = new RestTemplate().postForObject("http://localhost:" + port + "/api/orders",
                new HttpEntity<>(StandaloneEndToEndTest.orderBody(productId, quantity), headers), String.class);
        return JsonPath.read(body, "$.orderId");
    }

}
