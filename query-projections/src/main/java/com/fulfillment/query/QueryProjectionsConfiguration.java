package com.fulfillment.query;

import com.fulfillment.platform.PayloadPropertySequencingPolicy;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import com.fulfillment.query.batch.BatchEndInterceptor;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The read side in one import: the projections, their query handlers, the REST endpoints, and the
 * three processors that feed the projections. An application importing it provides Axon with an
 * event store and Spring Data MongoDB (Spring Boot's {@code MongoTemplate}, from
 * {@code spring.data.mongodb.*}); the read models and the projections' dead letters live in that
 * database, the processors' tokens in Axon's token store.
 *
 * <p>The processors are registered here, in code, with their sequencing policies
 * ({@value #ORDER_ID_SEQUENCING_POLICY} for order-view and customer-view, {@value #PRODUCT_ID_SEQUENCING_POLICY}
 * for product-view). They cannot also be named under {@code axon.eventhandling.processors.<group>} in properties:
 * Axon refuses a second processor of the same name, and the application does not start ("Event processor with
 * name order-view already exists"). Their segments and batch size are the constants below, chosen by measurement
 * (BENCHMARKS.md).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = QueryProjectionsConfiguration.class)
@EnableConfigurationProperties(ProjectionProperties.class)
public class QueryProjectionsConfiguration {

    public static final String ORDER_ID_SEQUENCING_POLICY = "orderIdSequencingPolicy";
    public static final String PRODUCT_ID_SEQUENCING_POLICY = "productIdSequencingPolicy";
    public static final String DEAD_LETTER_COLLECTION = "projection_dead_letters";

    /**
     * Events a projection takes in one unit of work at most: one find, one bulk write per collection and one
     * token write for all of them. Live traffic fills a batch only as far as events are waiting, so a large
     * bound costs no latency; a rebuild fills it completely (see BENCHMARKS.md for the measurements).
     */
    public static final int BATCH_SIZE = 1024;
    /**
     * Segments of the order and product views: how many batches of one view are written at the same time.
     * Two, for two cores; more only split the same events into smaller batches. Rebuilding order-view from
     * 1,000,106 events took 94 s with one segment, 80 s with two and 133 s with four; with the coordinator woken
     * by its work packages ({@link CoordinatorWakeUp}) 57-65 s with one, 57-61 s with two and 64-67 s with three
     * (BENCHMARKS.md).
     */
    public static final int INITIAL_SEGMENTS = 2;
    /**
     * The customer view runs one segment: orders of one customer land on every segment, and a customer's
     * totals must have a single writer, since the store offers no transaction and the embedded one no
     * indexed conditional write to keep two writers apart.
     */
    public static final int CUSTOMER_VIEW_SEGMENTS = 1;
    /**
     * How long, in milliseconds, a projection's coordinator that found no new events waits before it looks
     * again for segments to claim and for whether its work packages are done. Axon marks a processor caught up
     * only then: the last batch of a rebuild does not wake the coordinator, so with Axon's 5 s the status said
     * "replaying" for up to 5 s after the view was complete. New events still wake it at once (the event
     * store's availability callback); this is only the idle check, and a read of the token table each time.
     */
    public static final long IDLE_RECHECK_MILLIS = 1_000;
    /** Threads of a projection's work packages: Axon's default for a pooled processor. */
    static final int WORKER_THREADS = 4;

    /** How many segments a projection's processor runs. */
    public static int segmentsOf(String group) {
        return ProcessingGroups.CUSTOMER_VIEW.equals(group) ? CUSTOMER_VIEW_SEGMENTS : INITIAL_SEGMENTS;
    }

    @Bean(ORDER_ID_SEQUENCING_POLICY)
    public PayloadPropertySequencingPolicy orderIdSequencingPolicy() {
        return new PayloadPropertySequencingPolicy("orderId");
    }

    @Bean(PRODUCT_ID_SEQUENCING_POLICY)
    public PayloadPropertySequencingPolicy productIdSequencingPolicy() {
        return new PayloadPropertySequencingPolicy("productId");
    }

    @Bean
    public ConfigurerModule queryProjectionProcessors(
            @Qualifier(ORDER_ID_SEQUENCING_POLICY) PayloadPropertySequencingPolicy byOrder,
            @Qualifier(PRODUCT_ID_SEQUENCING_POLICY) PayloadPropertySequencingPolicy byProduct,
            MongoTemplate readModels) {
        DefaultMongoTemplate deadLetters = DefaultMongoTemplate.builder()
                                                               .mongoDatabase(readModels.getDb())
                                                               .deadLetterCollectionName(DEAD_LETTER_COLLECTION)
                                                               .build();
        return configurer -> configurer.eventProcessing(processing -> {
            registerProjection(processing, ProcessingGroups.ORDER_VIEW, byOrder, deadLetters);
            registerProjection(processing, ProcessingGroups.CUSTOMER_VIEW, byOrder, deadLetters);
            registerProjection(processing, ProcessingGroups.PRODUCT_VIEW, byProduct, deadLetters);
        });
    }

    /**
     * An event a projection fails on is parked in the group's dead-letter queue, together with every
     * later event of its sequence (its order, or its product), so that one bad order never stops the
     * others; an operator retries or evicts it through the admin endpoints. The queue lives in the read
     * models' database: when that database is down, parking fails as well, the batch fails, and the
     * processor retries it with back-off, instead of parking every event of the outage. A rebuild
     * clears the group's dead letters, since it replays their events anyway.
     *
     * <p>Without its cache of the sequences it has parked, the dead-letter queue would be asked about every
     * event's sequence, a query per event that costs more than the event's share of the batch's writes.
     *
     * <p>The projections write a batch's documents when its last event was handled
     * ({@link BatchEndInterceptor}), before the processor stores its token.
     */
    private static void registerProjection(EventProcessingConfigurer processing, String group,
                                           PayloadPropertySequencingPolicy policy, DefaultMongoTemplate deadLetters) {
        processing.registerPooledStreamingEventProcessor(
                          group, Configuration::eventStore,
                          (configuration, builder) -> {
                              CoordinatorWakeUp executors = CoordinatorWakeUp.forProcessor(group, WORKER_THREADS);
                              configuration.onShutdown(executors::shutdown);
                              return builder.batchSize(BATCH_SIZE)
                                            .initialSegmentCount(segmentsOf(group))
                                            .tokenClaimInterval(IDLE_RECHECK_MILLIS)
                                            .coordinatorExecutor(executors.coordinator())
                                            .workerExecutor(executors.workers());
                          })
                  .registerHandlerInterceptor(group, configuration -> new BatchEndInterceptor())
                  .registerSequencingPolicy(group, configuration -> policy)
                  .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance())
                  .registerDeadLetterQueue(group, configuration -> MongoSequencedDeadLetterQueue.builder()
                                                                                                .processingGroup(group)
                                                                                                .mongoTemplate(deadLetters)
                                                                                                .serializer(configuration.eventSerializer())
                                                                                                .build())
                  .registerDeadLetteringEventHandlerInvokerConfiguration(
                          group, (configuration, builder) -> builder.allowReset(true)
                                                                    .enableSequenceIdentifierCache());
    }
}
