package com.fulfillment.querytest;

import com.fulfillment.query.QueryProjectionsConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The read side as an application imports it, with an in-memory event store standing in for the
 * write side. It lives outside {@code com.fulfillment.query} so that the module's own component scan
 * does not pick it up.
 */
@SpringBootApplication
@Import(QueryProjectionsConfiguration.class)
public class ReadSideTestApplication {

    @Bean
    public EmbeddedEventStore eventStore() {
        return EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }
}
