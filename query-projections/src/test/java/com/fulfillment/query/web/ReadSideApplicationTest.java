package com.fulfillment.query.web;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.InMemoryMongo;
import com.fulfillment.platform.PayloadPropertySequencingPolicy;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.querytest.ReadSideTestApplication;
import com.fulfillment.querytest.ReadSideUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The read side running as an application imports it: events published to the event store reach the
 * projections through their processors, and clients read the result over REST, problem bodies,
 * subscription queries and server-sent events included.
 */
@SpringBootTest(classes = ReadSideTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "fulfillment.query.order-events-timeout=PT1M"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadSideApplicationTest {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();
    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(10);
    private static final OrderId CONFIRMED = OrderId.of("confirmed");
    private static final OrderId DECLINED = OrderId.of("declined");
    private static final OrderId CANCELLED = OrderId.of("cancelled");

    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream(Instant.now()));

    @Autowired
    private EventStore eventStore;
    @Autowired
    private MockMvc mvc;
    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void readModelDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.data.mongodb.uri", MONGO::uri);
    }

    /** A catalogue and three customers' orders, one of each ending, published as the write side would. */
    @BeforeAll
    void publishTheWriteSidesEvents() throws Exception {
        List<EventMessage<?>> stream = new ArrayList<>(events.catalogue());
        stream.addAll(events.confirmedOrder(CONFIRMED, ALICE));
        stream.addAll(events.declinedOrder(DECLINED, BOB));
        stream.addAll(events.cancelledAfterConfirmation(CANCELLED, ALICE));
        eventStore.publish(stream);

        awaitUntil(get("/api/orders/{id}", CANCELLED), "$.fulfillmentStatus", "FAILED");
        awaitUntil(get("/api/customers/{id}", ALICE), "$.totalOrders", 2);
        awaitUntil(get("/api/products/{id}", FulfillmentEvents.MOUSE), "$.onHand", 3);
    }

    @Test
    void theProjectionsRunOnPooledStreamingProcessorsSequencedByOrderOrByProduct() {
        for (String group : ProcessingGroups.ALL) {
            assertThat(processing.eventProcessor(group, PooledStreamingEventProcessor.class)).as(group).isPresent();
        }
        assertThat(processing.sequencingPolicy(ProcessingGroups.ORDER_VIEW))
                .isInstanceOfSatisfying(PayloadPropertySequencingPolicy.class,
                                        policy -> assertThat(policy.propertyName()).isEqualTo("orderId"));
        assertThat(processing.sequencingPolicy(ProcessingGroups.CUSTOMER_VIEW))
                .isInstanceOfSatisfying(PayloadPropertySequencingPolicy.class,
                                        policy -> assertThat(policy.propertyName()).isEqualTo("orderId"));
        assertThat(processing.sequencingPolicy(ProcessingGroups.PRODUCT_VIEW))
                .isInstanceOfSatisfying(PayloadPropertySequencingPolicy.class,
                                        policy -> assertThat(policy.propertyName()).isEqualTo("productId"));
    }

    @Test
    void anOrderIsReadWithItsLinesPaymentStatusesAndTimelineInOneRequest() throws Exception {
        mvc.perform(get("/api/orders/{id}", CONFIRMED))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.orderId").value("confirmed"))
           .andExpect(jsonPath("$.customerId").value("alice"))
           .andExpect(jsonPath("$.status").value("CONFIRMED"))
           .andExpect(jsonPath("$.fulfillmentStatus").value("COMPLETED"))
           .andExpect(jsonPath("$.reservationStatus").value("SOLD"))
           .andExpect(jsonPath("$.lines[1].productId").value("mouse"))
           .andExpect(jsonPath("$.lines[1].unitPrice.amount").value(19.99))
           .andExpect(jsonPath("$.lines[1].lineTotal.amount").value(39.98))
           .andExpect(jsonPath("$.total.amount").value(89.88))
           .andExpect(jsonPath("$.total.currency").value("EUR"))
           .andExpect(jsonPath("$.payment.status").value("COMPLETED"))
           .andExpect(jsonPath("$.timeline.length()").value(9))
           .andExpect(jsonPath("$.timeline[0].type").value("OrderPlacedEvent"))
           .andExpect(jsonPath("$.timeline[5].context").value("payment"));
    }

    @Test
    void ordersAreListedByCustomerAndStatus() throws Exception {
        mvc.perform(get("/api/orders").param("customerId", "alice"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.totalOrders").value(2))
           .andExpect(jsonPath("$.orders[0].orderId").value("cancelled"))
           .andExpect(jsonPath("$.orders[1].orderId").value("confirmed"));
        mvc.perform(get("/api/orders").param("status", "REJECTED").param("size", "5"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.orders.length()").value(1))
           .andExpect(jsonPath("$.orders[0].orderId").value("declined"))
           .andExpect(jsonPath("$.orders[0].fulfillmentStatus").value("FAILED"))
           .andExpect(jsonPath("$.size").value(5));
    }

    @Test
    void aCustomerIsReadWithTotalsAndOrdersNewestFirst() throws Exception {
        mvc.perform(get("/api/customers/{id}", ALICE))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.totalOrders").value(2))
           .andExpect(jsonPath("$.confirmedOrders").value(1))
           .andExpect(jsonPath("$.spent[0].amount").value(89.88))
           .andExpect(jsonPath("$.orders[0].orderId").value("cancelled"))
           .andExpect(jsonPath("$.orders[0].status").value("CANCELLED"))
           .andExpect(jsonPath("$.orders[0].paid.amount").value(0.0));
    }

    @Test
    void aCustomerReadsTheirOwnOrdersAndViewAndNoOneElsesWhichAreNotFoundForThem() throws Exception {
        String alice = ReadSideUsers.customer(ALICE.toString());
        String bob = ReadSideUsers.customer(BOB.toString());
        mvc.perform(get("/api/orders/{id}", CONFIRMED).header(HttpHeaders.AUTHORIZATION, alice))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.customerId").value("alice"));
        mvc.perform(get("/api/customers/{id}", ALICE).header(HttpHeaders.AUTHORIZATION, alice))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.totalOrders").value(2));
        mvc.perform(get("/api/orders/{id}", CONFIRMED).header(HttpHeaders.AUTHORIZATION, bob))
           .andExpect(status().isNotFound())
           .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/customers/{id}", ALICE).header(HttpHeaders.AUTHORIZATION, bob))
           .andExpect(status().isNotFound());
        mvc.perform(get("/api/admin/projections").header(HttpHeaders.AUTHORIZATION, alice))
           .andExpect(status().isForbidden())
           .andExpect(jsonPath("$.requiredPermissions[0]").value("ROLE_OPERATOR"));
    }

    @Test
    void theCatalogueShowsPricesAndStock() throws Exception {
        mvc.perform(get("/api/products"))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.totalProducts").value(2))
           .andExpect(jsonPath("$.products[0].name").value("Keyboard"))
           .andExpect(jsonPath("$.products[1].name").value("Mouse"));
        mvc.perform(get("/api/products/{id}", FulfillmentEvents.MOUSE))
           .andExpect(status().isOk())
           .andExpect(jsonPath("$.unitPrice.amount").value(19.99))
           .andExpect(jsonPath("$.onHand").value(3))
           .andExpect(jsonPath("$.available").value(3))
           .andExpect(jsonPath("$.reserved").value(0))
           .andExpect(jsonPath("$.sold").value(2));
    }

    @Test
    void unknownIdsAreAnsweredWithNotFoundProblems() throws Exception {
        expectProblem(mvc.perform(get("/api/orders/{id}", "no-such-order")), 404, "urn:fulfillment:problem:not-found")
                .andExpect(jsonPath("$.title").value("Order not found"))
                .andExpect(jsonPath("$.detail").value("No order with id 'no-such-order' is known."))
                .andExpect(jsonPath("$.orderId").value("no-such-order"));
        expectProblem(mvc.perform(get("/api/customers/{id}", "nobody")), 404, "urn:fulfillment:problem:not-found")
                .andExpect(jsonPath("$.customerId").value("nobody"));
        expectProblem(mvc.perform(get("/api/products/{id}", "unicorn")), 404, "urn:fulfillment:problem:not-found")
                .andExpect(jsonPath("$.productId").value("unicorn"));
    }

    @Test
    void pagesOutOfBoundsAreAnsweredWithBadRequestProblems() throws Exception {
        expectProblem(mvc.perform(get("/api/orders").param("size", "101")), 400, "urn:fulfillment:problem:invalid-query")
                .andExpect(jsonPath("$.detail").value("size must be between 1 and 100, was 101"));
        expectProblem(mvc.perform(get("/api/orders").param("size", "0")), 400, "urn:fulfillment:problem:invalid-query");
        expectProblem(mvc.perform(get("/api/products").param("page", "-1")), 400,
                      "urn:fulfillment:problem:invalid-query")
                .andExpect(jsonPath("$.detail").value("page must not be negative, was -1"));
        expectProblem(mvc.perform(get("/api/customers/{id}", ALICE).param("size", "1000")), 400,
                      "urn:fulfillment:problem:invalid-query");
    }

    @Test
    void anUnknownStatusOrANonNumericPageIsABadRequestProblem() throws Exception {
        expectProblem(mvc.perform(get("/api/orders").param("status", "SHIPPED")), 400, "about:blank")
                .andExpect(jsonPath("$.detail", containsString("status")));
        expectProblem(mvc.perform(get("/api/orders").param("page", "first")), 400, "about:blank");
    }

    @Test
    void aSubscriptionQueryIsUpdatedOnceTheProjectionHasWritten() {
        OrderId orderId = OrderId.of("subscribed");
        SubscriptionQueryResult<Optional<OrderView>, OrderView> subscription = queryGateway.subscriptionQuery(
                new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class),
                ResponseTypes.instanceOf(OrderView.class));
        try {
            assertThat(subscription.initialResult().block(PROJECTED_WITHIN)).isEmpty();
            List<OrderView> readBackOnUpdate = new ArrayList<>();

            eventStore.publish(events.placed(orderId, BOB), events.confirmed(orderId));

            List<OrderView> updates = subscription.updates()
                                                  .doOnNext(update -> readBackOnUpdate.add(read(orderId)))
                                                  .take(2)
                                                  .collectList()
                                                  .block(PROJECTED_WITHIN);
            assertThat(updates).extracting(OrderView::status).containsExactly(OrderStatus.PENDING, OrderStatus.CONFIRMED);
            for (int i = 0; i < updates.size(); i++) {
                assertThat(readBackOnUpdate.get(i).timeline()).as("what the read model holds when update %d arrives", i)
                                                              .containsAll(updates.get(i).timeline());
            }
        } finally {
            subscription.close();
        }
    }

    @Test
    void anOrdersStatusChangesAreStreamedAsServerSentEvents() throws Exception {
        OrderId orderId = OrderId.of("followed");
        MvcResult stream = mvc.perform(get("/api/orders/{id}/events", orderId).accept(MediaType.TEXT_EVENT_STREAM))
                              .andExpect(request().asyncStarted())
                              .andReturn();

        eventStore.publish(events.confirmedOrder(orderId, BOB));

        await().atMost(PROJECTED_WITHIN).untilAsserted(
                () -> assertThat(statusesIn(stream)).contains("CONFIRMED/COMPLETED/SOLD/COMPLETED"));
        assertThat(stream.getResponse().getContentAsString()).contains("event:order-status");
        assertThat(statusesIn(stream)).containsExactlyElementsOf(StreamingReadSide.CONFIRMED_ORDER_STATUSES);
    }

    private OrderView read(OrderId orderId) {
        return queryGateway.query(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class))
                           .join().orElseThrow();
    }

    /**
     * Order status / fulfillment / reservation / payment of each event streamed so far. The stream is read
     * while it is written, so only events already ended by their blank line count.
     */
    private List<String> statusesIn(MvcResult stream) throws Exception {
        List<String> statuses = new ArrayList<>();
        String content = stream.getResponse().getContentAsString();
        int completeEvents = content.lastIndexOf("\n\n");
        for (String line : content.substring(0, Math.max(completeEvents, 0)).split("\n")) {
            if (line.startsWith("data:")) {
                statuses.add(StreamingReadSide.statuses(line.substring("data:".length())));
            }
        }
        return statuses;
    }

    private ResultActions expectProblem(ResultActions response, int status, String type) throws Exception {
        return response.andExpect(status().is(status))
                       .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                       .andExpect(jsonPath("$.status").value(status))
                       .andExpect(jsonPath("$.type").value(type));
    }

    private void awaitUntil(RequestBuilder request, String path, Object expected) {
        await().atMost(PROJECTED_WITHIN).ignoreExceptions().untilAsserted(
                () -> mvc.perform(request).andExpect(jsonPath(path).value(expected)));
    }
}
