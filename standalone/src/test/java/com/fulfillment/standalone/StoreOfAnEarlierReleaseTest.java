package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.api.OrderView;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A data directory written by an earlier release, whose files H2 2.3.232 made (the event store, the read models and
 * the payment simulator's ledger, {@code src/test/resources/stores/h2-2.3.232}: the demo catalogue, an order
 * confirmed, one rejected for want of stock, one cancelled after confirmation and refunded; stopped cleanly), is one
 * the app opens with the H2 it ships now: every event is there, the views still equal the event store's fold, and a
 * new order goes the whole way.
 */
class StoreOfAnEarlierReleaseTest {

    private static final String STORE = "stores/h2-2.3.232/";
    private static final List<String> FILES = List.of("events.mv.db", "read-models.mv", "payment-simulator.mv.db");
    private static final int EVENTS_STORED = 29;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void theAppOpensTheFilesOfAnEarlierH2WithEveryEventAndViewAndTakesNewOrders() throws IOException {
        for (String file : FILES) {
            try (InputStream stored = getClass().getClassLoader().getResourceAsStream(STORE + file)) {
                assertThat(stored).as(file).isNotNull();
                Files.copy(stored, dataDir.resolve(file));
            }
        }

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FulfillmentApplication.class).run(
                "--fulfillment.data-dir=" + dataDir, "--server.port=0", "--fulfillment.seed-catalogue=false")) {
            EventStore eventStore = app.getBean(EventStore.class);
            ExpectedReadModels expected = ExpectedReadModels.fold(new EventStoreProbe(eventStore).all());
            assertThat(expected.eventCount()).isEqualTo(EVENTS_STORED);
            assertThat(expected.orders().values()).extracting(OrderView::status)
                    .containsExactlyInAnyOrder(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.CANCELLED);

            TestRestTemplate http = TestUsers.as(TestUsers.OPERATOR, new TestRestTemplate(
                    new RestTemplateBuilder().rootUri("http://localhost:" + port(app))));
            ReadSideClient readSide = new ReadSideClient(http, app.getBean(ObjectMapper.class));
            readSide.assertShows(expected);

            ResponseEntity<String> placed = http.postForEntity("/api/orders?waitSeconds=10", Map.of(
                    "customerId", "alice",
                    "lines", List.of(Map.of("productId", "espresso-beans", "quantity", 1))), String.class);
            assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(JsonPath.<String>read(placed.getBody(), "$.status")).isEqualTo("CONFIRMED");
            OrderId orderId = OrderId.of(JsonPath.read(placed.getBody(), "$.orderId"));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(readSide.order(orderId))
                    .hasValueSatisfying(view -> assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED)));
            EventStoreQuiet.await(eventStore, Duration.ofSeconds(2), PATIENCE);
            readSide.assertShows(ExpectedReadModels.fold(new EventStoreProbe(eventStore).all()));
        }
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
