package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.kernel.Money;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.QueryProjectionsConfiguration;
import com.fulfillment.query.admin.ProjectionStatus;
import com.fulfillment.standalone.storage.ReadModelStore;
import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where the projections keep their tokens, and what a restart that lost them does: nothing. The app is
 * stopped with orders done; the projections' tokens are taken out of the read models' database, as if the
 * embedded server's last writes had never reached its file, to the extreme; the app is started again on the
 * same data. Every projection then applies every event once more, onto documents that already hold it, and
 * every view must stay exactly as it was.
 */
class ProjectionTokensTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void projectionTokensLiveWithTheReadModelsAndEventsAppliedAgainAfterARestartChangeNoView() {
        ExpectedReadModels expected;
        ReadSideClient.Views before;
        String readModelDatabase;
        try (ConfigurableApplicationContext first = start(new InMemoryPaymentProvider()
                                                              .declineAbove(Money.of("100.00", "EUR")))) {
            List<String> orders = new ArrayList<>();
            orders.add(placeOrder(first, "alice", "kettle", 1));
            orders.add(placeOrder(first, "bob", "grinder", 1)); // 129.00, above the limit: declined
            orders.add(placeOrder(first, "alice", "filter-papers", 501)); // short
            String cancelled = placeOrder(first, "bob", "scale", 2);
            orders.add(cancelled);
            EventStoreProbe events = probe(first);
            events.awaitOrderStatus(cancelled, OrderStatus.CONFIRMED);
            cancel(first, cancelled);
            await().atMost(WITHIN).until(() -> orders.stream()
                                                     .allMatch(orderId -> events.orderStatus(orderId) != OrderStatus.PENDING));
            EventStoreQuiet.await(first.getBean(EventStore.class), Duration.ofSeconds(2), WITHIN);

            expected = ExpectedReadModels.fold(events.all());
            ReadSideClient readSide = readSide(first);
            await().atMost(WITHIN).untilAsserted(() -> readSide.assertShows(expected));
            before = readSide.views(expected);

            readModelDatabase = first.getBean(MongoProperties.class).getMongoClientDatabase();
            assertThat(projectionTokens(first.getBean(MongoClient.class), readModelDatabase))
                    .as("segments per projection, in the read models' database")
                    .isEqualTo(ProcessingGroups.ALL.stream().collect(Collectors.toMap(group -> group, QueryProjectionsConfiguration::segmentsOf)));
            assertThat(first.getBean(JdbcTemplate.class)
                            .queryForList("SELECT DISTINCT processorName FROM TokenEntry", String.class))
                    .as("processors with tokens in the event database")
                    .isNotEmpty()
                    .doesNotContainAnyElementsOf(ProcessingGroups.ALL);
        }

        assertThat(forgetProjectionTokens(readModelDatabase)).isEqualTo(ProcessingGroups.ALL.stream().mapToInt(QueryProjectionsConfiguration::segmentsOf).sum());

        try (ConfigurableApplicationContext second = start(new InMemoryPaymentProvider())) {
            ReadSideClient readSide = readSide(second);
            long head = second.getBean(EventStore.class).createHeadToken().position().orElseThrow();
            for (String projection : ProcessingGroups.ALL) {
                await().atMost(WITHIN).until(() -> hasAppliedEverythingUpTo(readSide.projection(projection), head));
            }

            assertThat(readSide.views(expected)).as("every view after every event was applied again").isEqualTo(before);

            String afterRestart = placeOrder(second, "alice", "scale", 1);
            EventStoreProbe events = probe(second);
            events.awaitOrderStatus(afterRestart, OrderStatus.CONFIRMED);
            EventStoreQuiet.await(second.getBean(EventStore.class), Duration.ofSeconds(2), WITHIN);
            ExpectedReadModels now = ExpectedReadModels.fold(events.all());
            await().atMost(WITHIN).untilAsserted(() -> readSide.assertShows(now));
        }
    }

    /** Every segment claimed, caught up, and at or past the given position of the event stream. */
    private static boolean hasAppliedEverythingUpTo(ProjectionStatus status, long position) {
        return status.caughtUp() && status.claimedSegments() == QueryProjectionsConfiguration.segmentsOf(status.projection())
               && status.position() != null && status.position() >= position;
    }

    private static Map<String, Integer> projectionTokens(MongoClient mongo, String database) {
        MongoCollection<Document> tokens = mongo.getDatabase(database)
                                                .getCollection(ProjectionStorageConfiguration.TOKEN_COLLECTION);
        // Leaves out the token store's own identity, which it keeps as a token of a processor named "__config".
        return tokens.find(Filters.ne("processorName", "__config")).into(new ArrayList<>()).stream()
                     .collect(Collectors.groupingBy(token -> token.getString("processorName"),
                                                    Collectors.summingInt(token -> 1)));
    }

    /** Opens the stopped app's read-model file directly and deletes the projections' tokens; returns how many. */
    private long forgetProjectionTokens(String database) {
        MongoServer server = new MongoServer(ReadModelStore.open(dataDir.resolve("read-models.mv"), Duration.ofMinutes(1)));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            return client.getDatabase(database)
                         .getCollection(ProjectionStorageConfiguration.TOKEN_COLLECTION)
                         .deleteMany(Filters.in("processorName", ProcessingGroups.ALL))
                         .getDeletedCount();
        } finally {
            server.shutdown();
        }
    }

    private ConfigurableApplicationContext start(PaymentProvider provider) {
        return new SpringApplicationBuilder(FulfillmentApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("paymentProvider", provider))
                .run("--fulfillment.data-dir=" + dataDir, "--server.port=0", "--fulfillment.payment.provider=in-memory");
    }

    private static EventStoreProbe probe(ConfigurableApplicationContext context) {
        return new EventStoreProbe(context.getBean(EventStore.class));
    }

    private static ReadSideClient readSide(ConfigurableApplicationContext context) {
        return new ReadSideClient(http(context), context.getBean(ObjectMapper.class));
    }

    private static TestRestTemplate http(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new TestRestTemplate(TestUsers.as(TestUsers.OPERATOR, new RestTemplateBuilder())
                                            .rootUri("http://localhost:" + port));
    }

    private static String placeOrder(ConfigurableApplicationContext context, String customerId, String productId,
                                     int quantity) {
        ResponseEntity<String> accepted = http(context).postForEntity("/api/orders", Map.of(
                "customerId", customerId, "lines", List.of(Map.of("productId", productId, "quantity", quantity))),
                                                                      String.class);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return JsonPath.read(accepted.getBody(), "$.orderId");
    }

    private static void cancel(ConfigurableApplicationContext context, String orderId) {
        ResponseEntity<String> accepted = http(context).postForEntity("/api/orders/{id}/cancel", Map.of(),
                                                                      String.class, orderId);
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }
}
