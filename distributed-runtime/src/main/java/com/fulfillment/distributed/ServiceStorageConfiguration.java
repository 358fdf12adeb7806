package com.fulfillment.distributed;

import com.fulfillment.platform.deadletter.DeadLetterStorage;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The service's private state in its own MongoDB database ({@code spring.data.mongodb.database}, one per
 * service): the event processors' tokens, the sagas and their and the policies' dead letters, next to whatever else the service keeps there.
 * Events are not here: they live in Axon Server. No service is given another's database name.
 */
@Configuration(proxyBeanMethods = false)
class ServiceStorageConfiguration {

    /** Applied to the MongoClient, so that nothing reaches MongoDB before it answers. */
    @Bean
    static MongoStartupGate mongoStartupGate(@Value("${fulfillment.mongo.startup-retry-interval:5s}") Duration retryInterval) {
        return new MongoStartupGate(retryInterval);
    }

    @Bean
    MongoDatabase serviceDatabase(MongoDatabaseFactory databases) {
        return databases.getMongoDatabase();
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoDatabase serviceDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build();
    }

    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoTokenStore.builder()
                              .mongoTemplate(axonMongoTemplate)
                              .serializer(serializer)
                              .build();
    }

    @Bean
    SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder()
                             .mongoTemplate(axonMongoTemplate)
                             .serializer(serializer)
                             .build();
    }

    /** The sagas' and policies' dead letters, in the service's own database next to their tokens and saga state. */
    @Bean
    DeadLetterStorage deadLetterStorage(MongoTemplate axonMongoTemplate) {
        return (processingGroup, configuration) -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processingGroup)
                .mongoTemplate(axonMongoTemplate)
                .serializer(configuration.eventSerializer())
                .build();
    }

    /**
     * Replaces Spring Boot's MongoDB check: it asks the service's own database, by {@code ping}, which every
     * MongoDB and every MongoDB-wire server answers.
     */
    @Bean
    HealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
        return new ServiceDatabaseHealthIndicator(serviceDatabase);
    }
}
