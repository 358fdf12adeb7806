package com.fulfillment.standalone.seed;

import com.fulfillment.inventory.InventoryContextModule;
import com.fulfillment.inventory.command.Product;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.admin.ProjectionAdmin;
import com.fulfillment.query.admin.ProjectionStatus;
import com.fulfillment.standalone.FulfillmentApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a data directory holding the history of many confirmed orders ({@link GeneratedHistory}), written
 * straight into the app's event store instead of through the API, so that the app's cost on a large store can be
 * measured without placing every order first (the API takes about 20 orders/s on 2 cores; this writes thousands).
 *
 * <p>It runs the app's own Spring context on the directory, so the files are what the app writes, with one
 * difference in what runs: the write side's sagas and policies (every processor that is not a projection) are
 * stopped before the history is written and their tokens then set to its head, because the history is of orders
 * that ended long ago and nothing may be reserved, charged or confirmed for them again when the app is started on
 * the directory. The projections follow the history as they would have; the seeder waits until every one is at
 * its head. The products with more events than the snapshot threshold are snapshotted, as the app would have done
 * on its way. Then the context is closed as the app closes.
 *
 * <pre>
 * ./mvnw -B -ntp -Pseed -pl standalone -am process-test-classes -Dseed.dataDir=/tmp/seeded [-Dseed.orders=100000]
 * </pre>
 * Parameters ({@code -Dseed.*}): {@code dataDir} (required, new or empty), {@code orders} (100,000),
 * {@code hotProductOrders} (the orders with a line for the hot product; all of them by default), {@code products}
 * (100), {@code customers} (1,000), {@code stock} (10,000,000 of each product), {@code prefix} ({@code seed-}).
 */
public final class StoreSeeder {

    /** Orders written per transaction: about 900 events, one append of the storage engine. */
    private static final int ORDERS_PER_APPEND = 100;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int BULK_IDENTITY_CACHE = 100_000;

    /** What was made, and how long it took. */
    public record Seeded(int orders, long events, long head, Duration written, Duration followed,
                         Map<String, Long> files) {

        List<String> report() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format("%,d orders, %,d events (head at %,d)", orders, events, head));
            lines.add(String.format("written in %.1f s (%,.0f events/s), projections at the head after %.1f s",
                                    seconds(written), events / seconds(written), seconds(followed)));
            files.forEach((name, bytes) -> lines.add(String.format("%-26s %,15d bytes  %,8.0f bytes/event", name,
                                                                   bytes, (double) bytes / events)));
            return lines;
        }

        private static double seconds(Duration duration) {
            return duration.toMillis() / 1000.0;
        }
    }

    private StoreSeeder() {
    }

    public static void main(String[] args) {
        String dataDir = System.getProperty("seed.dataDir");
        if (dataDir == null || dataDir.isBlank()) {
            throw new IllegalArgumentException("Give the data directory to fill: -Dseed.dataDir=<new directory>");
        }
        int orders = Integer.getInteger("seed.orders", 100_000);
        GeneratedHistory history = new GeneratedHistory(orders, Integer.getInteger("seed.products", 100),
                                                        Integer.getInteger("seed.customers", 1000),
                                                        Integer.getInteger("seed.hotProductOrders", orders),
                                                        Integer.getInteger("seed.stock", 10_000_000),
                                                        System.getProperty("seed.prefix", "seed-"));
        seed(Path.of(dataDir), history, args).report().forEach(System.out::println);
        // The context is closed, but Axon leaves a thread that is not a daemon (axon-janitor) behind it.
        System.exit(0);
    }

    /**
     * Writes {@code history} into a new data directory through the app's context, started with {@code arguments}
     * besides the directory's, and returns once that context is closed.
     */
    public static Seeded seed(Path dataDir, GeneratedHistory history, String... arguments) {
        requireEmpty(dataDir);
        List<String> all = new ArrayList<>(List.of("--fulfillment.data-dir=" + dataDir, "--server.port=0",
                                                   "--fulfillment.seed-catalogue=false"));
        all.addAll(List.of(arguments));
        long events = 0;
        long head;
        long startedAt = System.nanoTime();
        Duration written;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FulfillmentApplication.class)
                .run(all.toArray(String[]::new))) {
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            List<StreamingEventProcessor> writeSide = writeSide(processing);
            // Started with the context: once a processor has claimed segments, they exist in the token store.
            awaitUntil(() -> writeSide.stream().noneMatch(processor -> processor.processingStatus().isEmpty()),
                       Duration.ofMinutes(2), "the write side's processors claiming their segments");
            writeSide.forEach(processor -> processor.shutdownAsync().join());

            EventStore eventStore = app.getBean(EventStore.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long identityCache = jdbc.queryForObject(
                    "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = 'GLOBALINDEX'", Long.class);
            // H2 commits its identity sequence every IDENTITY_CACHE (32) rows, each commit a write of its own under
            // WRITE_DELAY=0: most of the time of a bulk append. Set back once the history is written.
            jdbc.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE " + BULK_IDENTITY_CACHE);
            GeneratedHistory.Writer writer = history.writer();
            events += append(eventStore, writer.catalogue());
            List<EventMessage<?>> batch = new ArrayList<>();
            int orders = 0;
            while (writer.hasNext()) {
                batch.addAll(writer.nextOrder());
                if (++orders % ORDERS_PER_APPEND == 0 || !writer.hasNext()) {
                    events += append(eventStore, batch);
                    batch.clear();
                }
                if (orders % 10_000 == 0) {
                    System.out.printf("seeded %,d of %,d orders (%,d events) after %.0f s%n", orders, history.orders(),
                                      events, (System.nanoTime() - startedAt) / 1e9);
                }
            }
            jdbc.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE " + identityCache);
            TrackingToken headToken = eventStore.createHeadToken();
            head = headToken.position().orElseThrow();
            written = Duration.ofNanos(System.nanoTime() - startedAt);

            moveToHead(writeSide, processing, app.getBean(TransactionManager.class), headToken);
            snapshotLongHistories(app, history);
            awaitProjectionsAt(app.getBean(ProjectionAdmin.class), head);
        }
        Duration followed = Duration.ofNanos(System.nanoTime() - startedAt);
        return new Seeded(history.orders(), events, head, written, followed, sizes(dataDir));
    }

    private static long append(EventStore eventStore, List<EventMessage<?>> events) {
        eventStore.publish(events);
        return events.size();
    }

    private static List<StreamingEventProcessor> writeSide(EventProcessingConfiguration processing) {
        return processing.eventProcessors().values().stream()
                         .filter(processor -> !ProcessingGroups.ALL.contains(processor.getName()))
                         .map(StreamingEventProcessor.class::cast)
                         .toList();
    }

    /**
     * Sets every segment's token of the stopped processors to the head of the store, so that they start there.
     * Axon's {@code TokenStore} rather than the table: the token is stored as the processor would store it.
     */
    private static void moveToHead(List<StreamingEventProcessor> processors, EventProcessingConfiguration processing,
                                   TransactionManager transactions, TrackingToken head) {
        for (StreamingEventProcessor processor : processors) {
            String name = processor.getName();
            TokenStore tokens = processing.tokenStore(name);
            transactions.executeInTransaction(() -> {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(head, name, segment);
                    tokens.releaseClaim(name, segment);
                }
            });
        }
    }

    /** What the app does every {@code product-snapshot-threshold} events of a product, done once at the end. */
    private static void snapshotLongHistories(ConfigurableApplicationContext app, GeneratedHistory history) {
        int threshold = app.getEnvironment().getProperty("fulfillment.inventory.product-snapshot-threshold",
                                                         Integer.class,
                                                         InventoryContextModule.DEFAULT_PRODUCT_SNAPSHOT_THRESHOLD);
        Configuration axon = app.getBean(Configuration.class);
        EventStore eventStore = app.getBean(EventStore.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        List<ProductId> products = new ArrayList<>();
        for (int p = 0; p < history.products(); p++) {
            products.add(history.product(p));
        }
        if (history.hotProductOrders() > 0) {
            products.add(history.hotProduct());
        }
        for (ProductId product : products) {
            long lastSequence = eventStore.lastSequenceNumberFor(product.value()).orElse(-1L);
            if (lastSequence + 1 <= threshold) {
                continue;
            }
            // Loading counts the events replayed; past the threshold it has the snapshotter take one.
            DefaultUnitOfWork.startAndGet(null).execute(() -> axon.repository(Product.class).load(product.value()));
            awaitUntil(() -> jdbc.queryForObject("SELECT COUNT(*) FROM SnapshotEventEntry WHERE aggregateIdentifier = ?",
                                                 Long.class, product.value()) > 0,
                       Duration.ofMinutes(5), "a snapshot of " + product);
        }
    }

    private static void awaitProjectionsAt(ProjectionAdmin admin, long head) {
        awaitUntil(() -> ProcessingGroups.ALL.stream().allMatch(group -> isAt(admin.status(group), head)),
                   Duration.ofHours(3), "every projection at " + head);
    }

    private static boolean isAt(ProjectionStatus status, long head) {
        return status.running() && !status.replaying() && status.caughtUp()
               && status.position() != null && status.position() >= head;
    }

    private static void awaitUntil(BooleanSupplier condition, Duration atMost, String what) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not reached within " + atMost + ": " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private static void requireEmpty(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            try (Stream<Path> files = Files.list(dataDir)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalArgumentException(dataDir + " is not empty: the seeder makes a new data directory");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Long> sizes(Path dataDir) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            files.sorted().forEach(file -> sizes.put(file.getFileName().toString(), file.toFile().length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sizes;
    }
}
