package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Products are snapshotted in the app's event store, a snapshot is what a product is loaded from, and a snapshot
 * that the current code cannot use is skipped, never a failure. Before a restart, one product's snapshot is
 * altered (still a valid {@code Product}, with 5 units less on hand, which the product must then show, so the
 * snapshot is read), another's is no longer in the shape of a {@code Product} (its fields changed), a third's is of
 * an older revision; after it, each product takes exactly the stock it has left and refuses one unit more.
 */
class ProductSnapshotsTest {

    private static final int THRESHOLD = 10;
    private static final int INITIAL_STOCK = 100;
    private static final int RESERVED_BEFORE_RESTART = THRESHOLD + 5;
    private static final int SNAPSHOT_ALTERATION = 5;
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void productsLoadFromTheirSnapshotsAndOnesThatNoLongerReadOrAreOfAnOlderRevisionAreSkipped() throws IOException {
        ProductId unreadable = ProductId.of("snapshot-unreadable");
        ProductId olderRevision = ProductId.of("snapshot-older-revision");
        ProductId altered = ProductId.of("snapshot-altered");
        List<ProductId> products = List.of(unreadable, olderRevision, altered);

        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            for (ProductId product : products) {
                commands.sendAndWait(new AddProductCommand(product, "Snapshot probe", Money.of("1.00", "EUR"),
                                                           INITIAL_STOCK));
                for (int order = 0; order < RESERVED_BEFORE_RESTART; order++) {
                    commands.sendAndWait(new ReserveStockCommand(product, OrderId.of("order-" + order), 1));
                }
            }
            JdbcTemplate jdbc = new JdbcTemplate(first.getBean(DataSource.class));
            await().atMost(WITHIN).untilAsserted(() -> products.forEach(
                    product -> assertThat(snapshots(jdbc, product)).as("snapshots of %s", product).isOne()));

            jdbc.update("UPDATE SnapshotEventEntry SET payload = ? WHERE aggregateIdentifier = ?",
                        "{\"productId\":\"snapshot-unreadable\",\"onHand\":\"plenty\",\"shelf\":{\"aisle\":3}}"
                                .getBytes(StandardCharsets.UTF_8), unreadable.toString());
            jdbc.update("UPDATE SnapshotEventEntry SET payloadRevision = '0' WHERE aggregateIdentifier = ?",
                        olderRevision.toString());
            lowerOnHandInSnapshot(jdbc, altered, SNAPSHOT_ALTERATION);
        }

        try (ConfigurableApplicationContext second = start()) {
            CommandGateway commands = second.getBean(CommandGateway.class);
            EventStore events = second.getBean(EventStore.class);
            for (ProductId product : products) {
                int left = INITIAL_STOCK - RESERVED_BEFORE_RESTART
                           - (product.equals(altered) ? SNAPSHOT_ALTERATION : 0);
                commands.sendAndWait(new ReserveStockCommand(product, OrderId.of("order-the-rest"), left));
                assertThat(lastEvent(events, product))
                        .as("all that is left of %s", product)
                        .isEqualTo(new StockReservedEvent(product, OrderId.of("order-the-rest"), left,
                                                          Money.of("1.00", "EUR")));

                commands.sendAndWait(new ReserveStockCommand(product, OrderId.of("order-one-more"), 1));
                assertThat(lastEvent(events, product))
                        .as("one more of %s", product)
                        .isEqualTo(new StockReservationRefusedEvent(product, OrderId.of("order-one-more"), 1, 0));
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(FulfillmentApplication.class)
                .initializers(context -> context.getBeanFactory()
                                                .registerSingleton("paymentProvider", new InMemoryPaymentProvider()))
                .run("--fulfillment.data-dir=" + dataDir, "--server.port=0", "--fulfillment.payment.provider=in-memory",
                     "--fulfillment.seed-catalogue=false",
                     "--fulfillment.inventory.product-snapshot-threshold=" + THRESHOLD);
    }

    private static int snapshots(JdbcTemplate jdbc, ProductId product) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                                   Integer.class, product.toString());
    }

    private static void lowerOnHandInSnapshot(JdbcTemplate jdbc, ProductId product, int units) throws IOException {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                                             byte[].class, product.toString());
        ObjectNode snapshot = (ObjectNode) JSON.readTree(payload);
        snapshot.put("onHand", snapshot.get("onHand").asInt() - units);
        jdbc.update("UPDATE SnapshotEventEntry SET payload = ? WHERE aggregateIdentifier = ?",
                    JSON.writeValueAsBytes(snapshot), product.toString());
    }

    private static Object lastEvent(EventStore events, ProductId product) {
        List<? extends EventMessage<?>> history = events.readEvents(product.toString(), 0).asStream().toList();
        return history.get(history.size() - 1).getPayload();
    }
}
