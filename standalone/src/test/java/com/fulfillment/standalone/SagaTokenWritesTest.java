package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.saga.StockReservationSaga;
import com.fulfillment.kernel.Money;
import com.fulfillment.order.saga.OrderFulfillmentSaga;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.saga.PaymentSaga;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.h2.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a saga step costs the event store: its processor's token moves on at most once for every event the saga
 * handles. Each segment of a saga processor runs every event its saga type has a handler for in a unit of work
 * of its own, looks for that segment's instances and stores its token (Axon's saga manager matches the segment
 * to the saga, not to the event), so with two segments every saga step came with a second transaction that only
 * moved a token: 7 of the 20 write transactions of an order. The token writes are counted by a trigger on the
 * token table, over orders placed one after another, each awaited, so that no batch holds two events.
 */
class SagaTokenWritesTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @AfterEach
    void forgetCounts() {
        TokenAdvances.COUNTS.clear();
    }

    @Test
    void aSagaProcessorsTokenMovesOnAtMostOncePerEventItsSagaHandles() {
        try (ConfigurableApplicationContext app = start()) {
            EventStore eventStore = app.getBean(EventStore.class);
            EventStoreQuiet.await(eventStore, Duration.ofSeconds(1), WITHIN); // the demo catalogue's events
            long before = eventStore.createHeadToken().position().orElse(-1);
            app.getBean(JdbcTemplate.class).execute("CREATE TRIGGER token_advances AFTER UPDATE ON TokenEntry"
                                                    + " FOR EACH ROW CALL \"" + TokenAdvances.class.getName() + "\"");

            assertThat(List.of(placeOrder(app, "kettle", 1), placeOrder(app, "grinder", 1),
                               placeOrder(app, "filter-papers", 501), placeOrder(app, "scale", 2)))
                    .containsExactly("CONFIRMED", "REJECTED", "REJECTED", "CONFIRMED"); // declined, short
            EventStoreQuiet.await(eventStore, Duration.ofSeconds(2), WITHIN);

            List<TrackedEventMessage<?>> placed = new EventStoreProbe(eventStore).all().stream()
                    .filter(event -> event.trackingToken().position().orElseThrow() > before).toList();
            Configuration axon = app.getBean(Configuration.class);
            Map<String, Class<?>> sagas = Map.of(OrderFulfillmentSaga.PROCESSING_GROUP, OrderFulfillmentSaga.class,
                                                 PaymentSaga.PROCESSING_GROUP, PaymentSaga.class,
                                                 StockReservationSaga.PROCESSING_GROUP, StockReservationSaga.class);
            sagas.forEach((group, sagaType) -> {
                AbstractSagaManager<?> manager = axon.eventProcessingConfiguration().sagaConfiguration(sagaType)
                                                     .manager();
                long handled = placed.stream().filter(event -> manager.canHandle(event, Segment.ROOT_SEGMENT)).count();
                assertThat(TokenAdvances.of(group))
                        .as("token writes of %s, whose saga handled %d of the orders' events", group, handled)
                        .isPositive()
                        .isLessThanOrEqualTo((int) handled);
            });
        }
    }

    /** Counts, per processor, the updates of the token table that move a token (not those that renew a claim). */
    public static class TokenAdvances implements Trigger {

        static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

        static int of(String processor) {
            AtomicInteger count = COUNTS.get(processor);
            return count == null ? 0 : count.get();
        }

        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            // TokenEntry's columns: processorName, segment, token, ...
            if (!Arrays.equals(bytes(oldRow[2]), bytes(newRow[2]))) {
                COUNTS.computeIfAbsent((String) newRow[0], processor -> new AtomicInteger()).incrementAndGet();
            }
        }

        private static byte[] bytes(Object column) throws SQLException {
            return column instanceof Blob blob ? blob.getBytes(1, (int) blob.length()) : (byte[]) column;
        }
    }

    private ConfigurableApplicationContext start() {
        InMemoryPaymentProvider provider = new InMemoryPaymentProvider().declineAbove(Money.of("100.00", "EUR"));
        return new SpringApplicationBuilder(FulfillmentApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("paymentProvider", provider))
                .run("--fulfillment.data-dir=" + dataDir, "--server.port=0", "--fulfillment.payment.provider=in-memory");
    }

    /** Places an order for alice and answers the final status it reached. */
    private static String placeOrder(ConfigurableApplicationContext app, String productId, int quantity) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        TestRestTemplate http = new TestRestTemplate(TestUsers.as(TestUsers.OPERATOR, new RestTemplateBuilder())
                                                             .rootUri("http://localhost:" + port));
        ResponseEntity<String> answer = http.postForEntity("/api/orders?waitSeconds=10", Map.of(
                "customerId", "alice", "lines", List.of(Map.of("productId", productId, "quantity", quantity))),
                                                           String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JsonPath.read(answer.getBody(), "$.status");
    }
}
