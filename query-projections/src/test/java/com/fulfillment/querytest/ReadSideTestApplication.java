package com.fulfillment.querytest;

import com.fulfillment.query.QueryProjectionsConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

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

    /**
     * A test's requests are the operator's unless they send credentials of their own: what these tests check is
     * what the read side answers, and the operator may read all of it.
     */
    @Bean
    public MockMvcBuilderCustomizer asTheOperator() {
        return builder -> builder.defaultRequest(
                MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, ReadSideUsers.OPERATOR));
    }
}
