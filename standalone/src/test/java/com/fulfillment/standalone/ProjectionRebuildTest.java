package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.order.command.Order;
import com.fulfillment.order.saga.OrderFulfillmentSaga;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.admin.ProjectionAdmin;
import com.fulfillment.query.admin.ProjectionStatus;
import com.fulfillment.query.order.OrderViewProjection;
import com.fulfillment.query.order.OrderViewQueries;
import com.fulfillment.standalone.seed.GeneratedHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rebuild replays a generated event store into the embedded read models in batches and arrives at the
 * views the projections had built while following the store. The run also measures how fast: events per
 * second of the first catch-up and of each rebuild, printed and written to
 * {@code target/projection-rebuild.txt}. A rebuilt view must also say it is done soon after it replayed its last
 * event. The store's size is {@code -Drebuild.orders=N} (nine events an
 * order; a few hundred by default, so that the build stays quick; BENCHMARKS.md has the figures of larger runs).
 *
 * <p>Only the projections run: the sagas and policies are stopped before the events are written, since
 * the generated orders are histories to read, not requests to act on.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                properties = {"fulfillment.seed-catalogue=false", "fulfillment.payment.provider=in-memory"})
@DirtiesContext
class ProjectionRebuildTest {

    private static final int ORDERS = Integer.getInteger("rebuild.orders", 400);
    private static final int PRODUCTS = 100;
    private static final int CUSTOMERS = 500;
    private static final Duration WITHIN = Duration.ofMinutes(10);
    /**
     * A rebuilt view says so about a second after its last batch (the projections' idle re-check), not after
     * Axon's default of 5 s.
     */
    private static final Duration REPORTED_DONE_WITHIN = Duration.ofMillis(3_500);
    private static final List<String> COLLECTIONS =
            List.of("order_views", "customer_orders", "customer_views", "product_views");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionAdmin admin;
    @Autowired
    MongoTemplate readModels;
    @Autowired
    org.axonframework.config.Configuration axon;

    /**
     * What a replay calls a million times is not timed call by call: Axon's default timer of each handler call walks
     * the thread's stack and schedules a task (application.yml, {@code axon.timeout}). The projections' batches, like
     * every unit of work, keep theirs; queries and deadlines (the saga's) keep Axon's per-call timer.
     */
    @Test
    void handlerCallsOfEventsAndCommandsAreTimedByTheirUnitOfWorkAlone() throws ClassNotFoundException {
        // what Axon wraps around a handler it times per call (not public in Axon)
        Class<?> timedPerCall = Class.forName(UnitOfWorkTimeoutInterceptor.class.getPackageName()
                                            + ".TimeoutWrappedMessageHandlingMember");
        for (Class<?> handling : List.of(OrderViewProjection.class, OrderFulfillmentSaga.class, Order.class)) {
            assertThat(handlersOf(handling)).as(handling.getSimpleName())
                    .filteredOn(handler -> handler.canHandleMessageType(EventMessage.class)
                                           || handler.canHandleMessageType(CommandMessage.class))
                    .isNotEmpty()
                    .allSatisfy(handler -> assertThat(handler.unwrap(timedPerCall)).as(handler.toString()).isEmpty());
        }
        assertThat(handlersOf(OrderViewQueries.class)).isNotEmpty().allSatisfy(
                handler -> assertThat(handler.unwrap(timedPerCall)).isPresent());
        assertThat(processing.eventProcessor(ProcessingGroups.ORDER_VIEW).orElseThrow().getHandlerInterceptors())
                .hasAtLeastOneElementOfType(UnitOfWorkTimeoutInterceptor.class);
    }

    private List<MessageHandlingMember<?>> handlersOf(Class<?> type) {
        HandlerDefinition definition = axon.handlerDefinition(type);
        return AnnotatedHandlerInspector.inspectType(type, axon.parameterResolverFactory(), definition)
                                        .getAllHandlers().values().stream()
                                        .flatMap(Collection::stream)
                                        .<MessageHandlingMember<?>>map(handler -> handler)
                                        .toList();
    }

    @Test
    void aRebuildReplaysTheStoreInBatchesToTheViewsTheProjectionsHadBuilt() throws IOException {
        processing.eventProcessors().forEach((name, processor) -> {
            if (!ProcessingGroups.ALL.contains(name)) {
                processor.shutDown();
            }
        });
        List<EventMessage<?>> history = new GeneratedHistory(ORDERS, PRODUCTS, CUSTOMERS, 0, 1_000_000, "generated-").all();
        long startedAt = System.nanoTime();
        for (int from = 0; from < history.size(); from += 1000) {
            eventStore.publish(history.subList(from, Math.min(history.size(), from + 1000)));
        }
        long head = eventStore.createHeadToken().position().orElseThrow();
        List<String> report = new Report();
        report.add(String.format("%,d events (%,d orders, %d products, %d customers)",
                                 history.size(), ORDERS, PRODUCTS, CUSTOMERS));
        awaitEveryProjectionAt(head);
        report.add(rate("written and followed", history.size(), startedAt));
        Map<String, List<Document>> followed = views();

        for (String projection : ProcessingGroups.ALL) {
            long rebuildStartedAt = System.nanoTime();
            admin.rebuild(projection);
            AtomicLong replayedAt = new AtomicLong();
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> {
                ProjectionStatus status = admin.status(projection);
                if (status.position() != null && status.position() >= head) {
                    replayedAt.compareAndSet(0, System.nanoTime());
                }
                return isAt(status, head);
            });
            report.add(rate(projection + " rebuilt", history.size(), rebuildStartedAt));
            assertThat(Duration.ofNanos(System.nanoTime() - replayedAt.get()))
                    .as("%s said done this long after it had replayed the last event", projection)
                    .isLessThan(REPORTED_DONE_WITHIN);
        }

        assertThat(views()).as("every view after the rebuilds").isEqualTo(followed);
        Files.write(Path.of("target", "projection-rebuild.txt"), report,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Lines that are printed as they come, so that a long run shows its progress. */
    private static final class Report extends ArrayList<String> {

        @Override
        public boolean add(String line) {
            System.out.println(line);
            return super.add(line);
        }
    }

    private void awaitEveryProjectionAt(long head) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
               .until(() -> ProcessingGroups.ALL.stream().allMatch(group -> isAt(admin.status(group), head)));
    }

    private static boolean isAt(ProjectionStatus status, long head) {
        return status.running() && !status.replaying() && status.caughtUp()
               && status.position() != null && status.position() >= head;
    }

    private static String rate(String what, int events, long since) {
        double seconds = (System.nanoTime() - since) / 1e9;
        return String.format("%-26s %7.2f s  %,9.0f events/s", what, seconds, events / seconds);
    }

    /** The stored views without what only says how often a document was written. */
    private Map<String, List<Document>> views() {
        Map<String, List<Document>> views = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> documents = readModels.getCollection(collection).find()
                                                 .sort(new Document("_id", 1)).into(new ArrayList<>());
            documents.forEach(document -> {
                document.remove("version");
                document.remove("counted");
            });
            views.put(collection, documents);
        }
        return views;
    }
}
