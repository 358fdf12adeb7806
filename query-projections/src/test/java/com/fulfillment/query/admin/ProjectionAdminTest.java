package com.fulfillment.query.admin;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.QueryProjectionsConfiguration;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.querytest.PoisonedOrders;
import com.fulfillment.querytest.ReadSideTestApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

/** An operator's view of the projections: their status, a rebuild, and the events they could not apply. */
@SpringBootTest(classes = ReadSideTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson"})
@AutoConfigureMockMvc
class ProjectionAdminTest {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final String ORDER_VIEW_ADMIN = "/api/admin/projections/order-view";

    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream(Instant.now()));

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private PoisonedOrders poisonedOrders;

    @DynamicPropertySource
    static void readModelDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.data.mongodb.uri", MONGO::uri);
    }

    @Test
    void everyProjectionReportsItsProcessor() throws Exception {
        mvc.perform(get("/api/admin/projections"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$[*].projection").value(contains("order-view", "customer-view", "product-view")))
           .andExpect(jsonPath("$[0].running").value(true));
    }

    @Test
    void aRebuildEmptiesTheProjectionAndReplaysEveryEventIntoIt() throws Exception {
        OrderId rebuilt = OrderId.of("rebuilt");
        eventStore.publish(events.confirmedOrder(rebuilt, ALICE));
        awaitOrder(rebuilt, OrderStatus.CONFIRMED);
        mongo.getCollection("order_views").insertOne(new Document("_id", "stray").append("customerId", "nobody"));
        mvc.perform(get("/api/orders/stray")).andExpect(status().isOk());

        mvc.perform(post(ORDER_VIEW_ADMIN + "/rebuild"))
           .andExpect(status().isAccepted())
           .andExpect(header().string("Location", ORDER_VIEW_ADMIN))
           .andExpect(jsonPath("$.projection").value("order-view"));

        await().atMost(WITHIN).ignoreExceptions().untilAsserted(
                () -> mvc.perform(get(ORDER_VIEW_ADMIN))
                         .andExpect(jsonPath("$.running").value(true))
                         .andExpect(jsonPath("$.replaying").value(false))
                         .andExpect(jsonPath("$.caughtUp").value(true))
                         .andExpect(jsonPath("$.claimedSegments").value(QueryProjectionsConfiguration.segmentsOf(ProcessingGroups.ORDER_VIEW))));
        awaitOrder(rebuilt, OrderStatus.CONFIRMED);
        assertThat(read(rebuilt).timeline()).hasSize(9);
        mvc.perform(get("/api/orders/stray")).andExpect(status().isNotFound());
    }

    @Test
    void anOrderTheProjectionFailsOnIsParkedWithEveryLaterEventOfItUntilRetried() throws Exception {
        OrderId poisoned = OrderId.of("poisoned-1");
        poisonedOrders.poison(poisoned);

        eventStore.publish(events.confirmedOrder(poisoned, BOB));

        awaitDeadLetters(jsonPath("$[0].letters.length()").value(9));
        mvc.perform(get(ORDER_VIEW_ADMIN + "/dead-letters"))
           .andExpect(jsonPath("$.length()").value(1))
           .andExpect(jsonPath("$[0].sequenceId").value("poisoned-1"))
           .andExpect(jsonPath("$[0].letters[0].eventType").value("OrderPlacedEvent"))
           .andExpect(jsonPath("$[0].letters[0].causeType").value(IllegalStateException.class.getName()))
           .andExpect(jsonPath("$[0].letters[0].causeMessage").value("order poisoned-1 is poisoned"))
           .andExpect(jsonPath("$[0].letters[8].eventType").value("StockSoldEvent"));
        mvc.perform(get(ORDER_VIEW_ADMIN)).andExpect(jsonPath("$.deadLetters").value(9));
        assertThat(find(poisoned).map(OrderView::status))
                .as("at most the placement got through before the failure")
                .isIn(Optional.empty(), Optional.of(OrderStatus.PENDING));
        await().atMost(WITHIN).ignoreExceptions().untilAsserted(
                () -> mvc.perform(get("/api/customers/{id}", BOB)).andExpect(jsonPath("$.confirmedOrders").value(1)));

        poisonedOrders.cure(poisoned);
        mvc.perform(post(ORDER_VIEW_ADMIN + "/dead-letters/sequences/{id}/retry", poisoned))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.succeeded").value(contains("poisoned-1")))
           .andExpect(jsonPath("$.failedAgain.length()").value(0));

        assertThat(read(poisoned).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(read(poisoned).timeline()).hasSize(9);
        mvc.perform(get(ORDER_VIEW_ADMIN + "/dead-letters")).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aSequenceThatFailsAgainStaysParkedWhileTheOthersAreRetried() throws Exception {
        OrderId stillPoisoned = OrderId.of("poisoned-2");
        OrderId cured = OrderId.of("poisoned-3");
        poisonedOrders.poison(stillPoisoned);
        poisonedOrders.poison(cured);
        eventStore.publish(events.placed(stillPoisoned, ALICE), events.placed(cured, ALICE));
        awaitDeadLetters(jsonPath("$.length()").value(2));
        poisonedOrders.cure(cured);

        mvc.perform(post(ORDER_VIEW_ADMIN + "/dead-letters/retry"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.succeeded").value(contains("poisoned-3")))
           .andExpect(jsonPath("$.failedAgain").value(contains("poisoned-2")));

        mvc.perform(get(ORDER_VIEW_ADMIN + "/dead-letters"))
           .andExpect(jsonPath("$.length()").value(1))
           .andExpect(jsonPath("$[0].sequenceId").value("poisoned-2"));
        poisonedOrders.cure(stillPoisoned);
        mvc.perform(post(ORDER_VIEW_ADMIN + "/dead-letters/retry"))
           .andExpect(jsonPath("$.succeeded").value(contains("poisoned-2")));
    }

    @Test
    void anEvictedEventIsNeverApplied() throws Exception {
        OrderId poisoned = OrderId.of("poisoned-4");
        poisonedOrders.poison(poisoned);
        EventMessage<?> placed = events.placed(poisoned, ALICE);
        EventMessage<?> cancelled = events.cancelled(poisoned, OrderStatus.PENDING);
        eventStore.publish(List.of(placed, cancelled));
        awaitDeadLetters(jsonPath("$[0].letters.length()").value(2));

        mvc.perform(delete(ORDER_VIEW_ADMIN + "/dead-letters/letters/{id}", cancelled.getIdentifier()))
           .andExpect(status().isNoContent());

        mvc.perform(get(ORDER_VIEW_ADMIN + "/dead-letters"))
           .andExpect(jsonPath("$[0].letters.length()").value(1))
           .andExpect(jsonPath("$[0].letters[0].eventId").value(placed.getIdentifier()));
        poisonedOrders.cure(poisoned);
        mvc.perform(post(ORDER_VIEW_ADMIN + "/dead-letters/sequences/{id}/retry", poisoned)).andExpect(status().isOk());
        assertThat(read(poisoned).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void unknownProjectionsSequencesAndLettersAreNotFoundProblems() throws Exception {
        mvc.perform(get("/api/admin/projections/{name}", "shipping-view"))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.title").value("Projection not found"))
           .andExpect(jsonPath("$.projection").value("shipping-view"));
        mvc.perform(post(ORDER_VIEW_ADMIN + "/dead-letters/sequences/{id}/retry", "nothing-parked"))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.sequenceId").value("nothing-parked"));
        mvc.perform(delete(ORDER_VIEW_ADMIN + "/dead-letters/letters/{id}", "no-such-event"))
           .andExpect(status().isNotFound())
           .andExpect(jsonPath("$.detail", containsString("no-such-event")));
    }

    private void awaitDeadLetters(ResultMatcher expectation) {
        await().atMost(WITHIN).ignoreExceptions().untilAsserted(
                () -> mvc.perform(get(ORDER_VIEW_ADMIN + "/dead-letters")).andExpect(expectation));
    }

    private void awaitOrder(OrderId orderId, OrderStatus status) {
        await().atMost(WITHIN).ignoreExceptions().untilAsserted(
                () -> mvc.perform(get("/api/orders/{id}", orderId)).andExpect(jsonPath("$.status").value(status.name())));
    }

    private Optional<OrderView> find(OrderId orderId) {
        return queryGateway.query(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class)).join();
    }

    private OrderView read(OrderId orderId) {
        return find(orderId).orElseThrow();
    }
}
