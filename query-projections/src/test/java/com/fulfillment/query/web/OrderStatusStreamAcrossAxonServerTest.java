package com.fulfillment.query.web;

import static com.fulfillment.query.FulfillmentEvents.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.querytest.ReadSideTestApplication;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * An order's status stream in the distributed shape, where its subscription query crosses Axon Server: the
 * initial result and the updates are serialized to JSON by the service that answers and read back by the one
 * that asked ({@link AcrossAxonServerQueryBus}), with the serializers the services use.
 */
@SpringBootTest(classes = ReadSideTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "axon.serializer.messages=jackson",
        "fulfillment.query.order-events-timeout=PT1M"})
@AutoConfigureMockMvc
@Import(OrderStatusStreamAcrossAxonServerTest.AcrossAxonServer.class)
class OrderStatusStreamAcrossAxonServerTest {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();
    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(10);

    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream(Instant.now()));

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;

    @TestConfiguration
    static class AcrossAxonServer {

        @Bean
        QueryBus queryBus(TransactionManager transactionManager, QueryUpdateEmitter updates,
                          @Qualifier("messageSerializer") Serializer messageSerializer,
                          @Qualifier("serializer") Serializer serializer) {
            SimpleQueryBus local = SimpleQueryBus.builder()
                                                 .transactionManager(transactionManager)
                                                 .queryUpdateEmitter(updates)
                                                 .build();
            return new AcrossAxonServerQueryBus(local, messageSerializer, serializer);
        }
    }

    @DynamicPropertySource
    static void readModelDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.data.mongodb.uri", MONGO::uri);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @Test
    void aStreamOfAnOrderTheReadModelAlreadyHoldsStartsWithItsStatusesAndFollowsItsChanges() throws Exception {
        OrderId orderId = OrderId.of("followed-across-axon-server");
        eventStore.publish(events.placed(orderId, BOB));
        await().atMost(PROJECTED_WITHIN).untilAsserted(() -> assertThat(
                mvc.perform(get("/api/orders/{id}", orderId)).andReturn().getResponse().getStatus()).isEqualTo(200));

        MvcResult stream = mvc.perform(get("/api/orders/{id}/events", orderId).accept(MediaType.TEXT_EVENT_STREAM))
                              .andExpect(request().asyncStarted())
                              .andReturn();
        await().atMost(PROJECTED_WITHIN).untilAsserted(() -> assertThat(stream.getResponse().getContentAsString())
                .contains("event:order-status").contains("\"status\":\"PENDING\""));

        eventStore.publish(events.confirmed(orderId));

        await().atMost(PROJECTED_WITHIN).untilAsserted(() -> assertThat(stream.getResponse().getContentAsString())
                .contains("\"status\":\"CONFIRMED\""));
        assertThat(stream.getResponse().getStatus()).isEqualTo(200);
    }
}
