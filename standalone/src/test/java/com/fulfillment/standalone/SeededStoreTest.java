package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.standalone.seed.GeneratedHistory;
import com.fulfillment.standalone.seed.StoreSeeder;
import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A data directory made by {@link StoreSeeder} is one the app starts on as if it had taken those orders itself:
 * its sagas and policies start at the head of the seeded history and act on none of it, the views are the
 * event store's fold, the long product histories are snapshotted, and a new order for the hot product is
 * confirmed.
 */
class SeededStoreTest {

    /** Small, so that the build stays quick; {@code -Pseed} makes the large ones (BENCHMARKS.md). */
    private static final GeneratedHistory HISTORY = new GeneratedHistory(300, 10, 40, 200, 1_000_000, "seed-");
    /** Low enough that the hot product (401 events) is past it, and some of the spread ones (61 or 121) too. */
    private static final int SNAPSHOT_THRESHOLD_EVENTS = 100;
    private static final String SNAPSHOT_THRESHOLD =
            "--fulfillment.inventory.product-snapshot-threshold=" + SNAPSHOT_THRESHOLD_EVENTS;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dataDir;

    @Test
    void theAppStartsOnASeededStoreWithItsSagasAtTheHeadItsViewsEqualToTheFoldAndConfirmsNewOrders() {
        StoreSeeder.Seeded seeded = StoreSeeder.seed(dataDir, HISTORY, SNAPSHOT_THRESHOLD);
        assertThat(seeded.events()).isEqualTo(HISTORY.all().size());

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FulfillmentApplication.class).run(
                "--fulfillment.data-dir=" + dataDir, "--server.port=0", "--fulfillment.seed-catalogue=false",
                "--fulfillment.payment.provider=in-memory", SNAPSHOT_THRESHOLD)) {
            EventStore eventStore = app.getBean(EventStore.class);
            List<StreamingEventProcessor> writeSide = app.getBean(EventProcessingConfiguration.class)
                    .eventProcessors().values().stream()
                    .filter(processor -> !ProcessingGroups.ALL.contains(processor.getName()))
                    .map(StreamingEventProcessor.class::cast).toList();
            assertThat(writeSide).extracting(StreamingEventProcessor::getName)
                                 .contains("order-fulfillment-saga", "payment-saga", "inventory-reservation-saga");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(writeSide).allSatisfy(processor -> {
                assertThat(processor.processingStatus()).as(processor.getName()).isNotEmpty();
                assertThat(processor.processingStatus().values()).as(processor.getName())
                        .extracting(status -> status.getCurrentPosition().orElse(-1))
                        .containsOnly(seeded.head());
                assertThat(processor.processingStatus().values()).allMatch(EventTrackerStatus::isCaughtUp);
            }));
            EventStoreQuiet.await(eventStore, Duration.ofSeconds(3), PATIENCE);
            assertThat(eventStore.createHeadToken().position()).as("nothing acted on the seeded orders")
                                                               .hasValue(seeded.head());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SagaEntry", Long.class)).isZero();
            assertThat(jdbc.queryForList("SELECT aggregateIdentifier FROM SnapshotEventEntry", String.class))
                    .as("snapshotted: the products past the threshold")
                    .containsExactlyInAnyOrderElementsOf(productsWithMoreEventsThan(SNAPSHOT_THRESHOLD_EVENTS))
                    .contains(HISTORY.hotProduct().value());

            TestRestTemplate http = TestUsers.as(TestUsers.OPERATOR, new TestRestTemplate(
                    new RestTemplateBuilder().rootUri("http://localhost:" + port(app))));
            ReadSideClient readSide = new ReadSideClient(http, app.getBean(ObjectMapper.class));
            ExpectedReadModels expected = ExpectedReadModels.fold(new EventStoreProbe(eventStore).all());
            assertThat(expected.orders()).hasSize(HISTORY.orders());
            readSide.assertShows(expected);

            ResponseEntity<String> placed = http.postForEntity("/api/orders?waitSeconds=10", Map.of(
                    "customerId", HISTORY.customer(7).value(),
                    "lines", List.of(Map.of("productId", HISTORY.hotProduct().value(), "quantity", 2),
                                     Map.of("productId", HISTORY.product(3).value(), "quantity", 1))), String.class);
            assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(JsonPath.<String>read(placed.getBody(), "$.status")).isEqualTo("CONFIRMED");
            OrderId orderId = OrderId.of(JsonPath.read(placed.getBody(), "$.orderId"));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(readSide.order(orderId))
                    .hasValueSatisfying(view -> assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED)));
        }
    }

    private static List<String> productsWithMoreEventsThan(int threshold) {
        return HISTORY.all().stream()
                      .filter(event -> event instanceof DomainEventMessage<?> domain && "Product".equals(domain.getType()))
                      .collect(Collectors.groupingBy(event -> ((DomainEventMessage<?>) event).getAggregateIdentifier(),
                                                     Collectors.counting()))
                      .entrySet().stream().filter(product -> product.getValue() > threshold)
                      .map(Map.Entry::getKey).toList();
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
