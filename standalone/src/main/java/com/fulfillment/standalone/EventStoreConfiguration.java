package com.fulfillment.standalone;

import com.fulfillment.standalone.storage.IndexedGapQuery;
import com.fulfillment.standalone.storage.PositionedJdbcEventStorageEngine;
import com.fulfillment.standalone.storage.LastSequenceFromIndexEnd;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded event store over Axon's JDBC storage engine, both set up as Axon's Spring Boot auto-configuration
 * does, but with streams that wake the pooled streaming processors as soon as events arrive (see
 * {@link ArrivalSignallingEventStore}), a read of the events after a token with gaps that uses the index
 * ({@link IndexedGapQuery}), an aggregate's last sequence number read from the end of its index range
 * ({@link LastSequenceFromIndexEnd}), and every event read for a stream naming its own global index
 * ({@link PositionedJdbcEventStorageEngine}). Declaring the store turns the auto-configured engine off, hence both
 * here.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        JdbcEventStorageEngine.Builder engine =
                JdbcEventStorageEngine.builder()
                                      .snapshotSerializer(defaultSerializer)
                                      .upcasterChain(configuration.upcasterChain())
                                      .persistenceExceptionResolver(persistenceExceptionResolver)
                                      .eventSerializer(eventSerializer)
                                      .snapshotFilter(configuration.snapshotFilter())
                                      .connectionProvider(connectionProvider)
                                      .transactionManager(transactionManager)
                                      .schema(new EventSchema())
                                      .readEventDataWithGaps(new IndexedGapQuery())
                                      .lastSequenceNumberFor(new LastSequenceFromIndexEnd());
        return new PositionedJdbcEventStorageEngine(engine);
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return new ArrivalSignallingEventStore(
                EmbeddedEventStore.builder()
                                  .storageEngine(storageEngine)
                                  .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                  .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }
}
