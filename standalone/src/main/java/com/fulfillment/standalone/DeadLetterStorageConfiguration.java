package com.fulfillment.standalone;

import com.fulfillment.platform.deadletter.DeadLetterStorage;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sagas' and policies' dead letters in the events' H2 database (table {@code DeadLetterEntry}, created by
 * schema.sql since Axon's own DDL cannot run twice), so that parking an event commits with the processor's
 * token and the saga state.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterStorageConfiguration {

    @Bean
    DeadLetterStorage deadLetterStorage(ConnectionProvider connectionProvider, TransactionManager transactionManager) {
        return (processingGroup, configuration) -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processingGroup)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .genericSerializer(configuration.serializer())
                .eventSerializer(configuration.eventSerializer())
                .build();
    }
}
