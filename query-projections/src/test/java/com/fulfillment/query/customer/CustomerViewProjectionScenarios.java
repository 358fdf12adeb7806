package com.fulfillment.query.customer;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.BOB;
import static com.fulfillment.query.FulfillmentEvents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.ProjectionDriver;
import com.fulfillment.query.ReadModelDatabase;
import com.fulfillment.query.api.CustomerOrder;
import com.fulfillment.query.api.CustomerView;
import com.fulfillment.query.api.FindCustomerQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * What a customer's view shows, and how its totals stay right when orders of one customer are projected
 * at the same time, redelivered or arrive out of order. Run by {@link CustomerViewProjectionTest} on the
 * in-memory server and by {@code MongoDbProjectionsTest} on a real MongoDB.
 */
public abstract class CustomerViewProjectionScenarios {

    private final ReadModelDatabase mongo;
    private final QueryUpdateEmitter updates = SimpleQueryUpdateEmitter.builder().build();
    private final CustomerViewQueries queries;
    private final ProjectionDriver driver;
    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream());

    protected CustomerViewProjectionScenarios(ReadModelDatabase mongo) {
        this.mongo = mongo;
        this.queries = new CustomerViewQueries(mongo.template());
        this.driver = new ProjectionDriver(new CustomerViewProjection(mongo.template(), updates, queries));
    }

    @BeforeEach
    void emptyReadModel() {
        mongo.clear();
    }

    @Test
    void totalsCountEveryOrderTheOrdersThatStayedConfirmedAndWhatWasChargedAndNotRefunded() {
        driver.deliver(events.confirmedOrder(OrderId.of("kept"), ALICE));
        driver.deliver(events.declinedOrder(OrderId.of("declined"), ALICE));
        driver.deliver(events.cancelledAfterConfirmation(OrderId.of("cancelled"), ALICE));
        driver.deliver(events.placed(OrderId.of("waiting"), ALICE));

        CustomerView alice = customer(ALICE);
        assertThat(alice.totalOrders()).isEqualTo(4);
        assertThat(alice.confirmedOrders()).isEqualTo(1);
        assertThat(alice.spent()).containsExactly(total());
    }

    @Test
    void moneySpentIsKeptPerCurrency() {
        OrderId inDollars = OrderId.of("in-dollars");
        EventStream stream = events.stream();
        driver.deliver(events.confirmedOrder(OrderId.of("in-euros"), ALICE));
        driver.deliver(stream.fromOrder(inDollars, new OrderPlacedEvent(inDollars, ALICE, FulfillmentEvents.lines())),
                       stream.fromPayment(inDollars, new PaymentCompletedEvent(
                               PaymentId.forOrder(inDollars), inDollars, Money.of("12.50", "USD"), "psp-usd")));

        assertThat(customer(ALICE).spent()).containsExactly(total(), Money.of("12.50", "USD"));
    }

    @Test
    void aPaymentProjectedBeforeItsOrdersPlacementCountsOnceTheOrderIsPlaced() {
        OrderId orderId = OrderId.of("paid-early");
        EventMessage<?> placed = events.placed(orderId, ALICE);
        List<EventMessage<?>> paid = events.paid(orderId);

        driver.deliver(paid);
        assertThat(queries.handle(FindCustomerQuery.firstPage(ALICE))).isEmpty();

        driver.deliver(placed);

        assertThat(customer(ALICE).totalOrders()).isEqualTo(1);
        assertThat(customer(ALICE).spent()).containsExactly(total());
        assertThat(customer(ALICE).orders()).extracting(CustomerOrder::paid).containsExactly(total());
    }

    @Test
    void aCustomersOrdersAreListedNewestFirstInPages() {
        for (String order : List.of("first", "second", "third")) {
            driver.deliver(events.placed(OrderId.of(order), ALICE));
            events.stream().elapse(Duration.ofMinutes(5));
        }
        driver.deliver(events.stockReserved(OrderId.of("first")));

        CustomerView firstPage = queries.handle(new FindCustomerQuery(ALICE, 0, 2)).orElseThrow();
        CustomerView secondPage = queries.handle(new FindCustomerQuery(ALICE, 1, 2)).orElseThrow();

        assertThat(firstPage.orders()).extracting(CustomerOrder::orderId)
                                      .containsExactly(OrderId.of("third"), OrderId.of("second"));
        assertThat(firstPage.totalPages()).isEqualTo(2);
        assertThat(secondPage.orders()).extracting(CustomerOrder::orderId, CustomerOrder::status, CustomerOrder::total)
                                       .containsExactly(tuple(OrderId.of("first"), OrderStatus.PENDING, total()));
        assertThat(firstPage.lastOrderAt()).isEqualTo(firstPage.orders().get(0).placedAt());
    }

    @Test
    void eachCustomerSeesOnlyTheirOwnOrders() {
        driver.deliver(events.confirmedOrder(OrderId.of("alices"), ALICE));
        driver.deliver(events.placed(OrderId.of("bobs"), BOB));

        assertThat(customer(BOB).orders()).extracting(CustomerOrder::orderId).containsExactly(OrderId.of("bobs"));
        assertThat(customer(BOB).spent()).isEmpty();
        assertThat(customer(ALICE).totalOrders()).isEqualTo(1);
    }

    @Test
    void everyEventDeliveredTwiceChangesNothing() {
        List<EventMessage<?>> story = events.cancelledAfterConfirmation(OrderId.of("cancelled"), ALICE);
        driver.deliver(story);
        List<Document> orders = mongo.rawDocuments(CustomerOrderDocument.COLLECTION);
        List<Document> customers = mongo.rawDocuments(CustomerDocument.COLLECTION);

        driver.deliver(story);

        assertThat(mongo.rawDocuments(CustomerOrderDocument.COLLECTION)).isEqualTo(orders);
        assertThat(mongo.rawDocuments(CustomerDocument.COLLECTION)).isEqualTo(customers);
    }

    @Test
    void aRedeliveryAfterACrashBetweenTheOrderAndTheTotalsRepairsTheTotals() {
        List<EventMessage<?>> story = events.confirmedOrder(OrderId.of("kept"), ALICE);
        driver.deliver(story);
        // As if the process died after writing the order and before summing the customer.
        mongo.template().dropCollection(CustomerDocument.class);

        driver.deliver(story.stream().filter(event -> event.getPayload() instanceof OrderConfirmedEvent).toList());

        assertThat(customer(ALICE).totalOrders()).isEqualTo(1);
        assertThat(customer(ALICE).confirmedOrders()).isEqualTo(1);
        assertThat(customer(ALICE).spent()).containsExactly(total());
    }

    @Test
    void totalsAreRightWhenOrdersOfOneCustomerAreProjectedAtTheSameTimeOnDifferentSegments() {
        int ordersPerSegment = 15;
        List<List<EventMessage<?>>> segments = IntStream.range(0, 2)
                .mapToObj(segment -> IntStream.range(0, ordersPerSegment)
                        .mapToObj(n -> events.confirmedOrder(OrderId.of("s" + segment + "-" + n), ALICE))
                        .flatMap(List::stream)
                        .toList())
                .toList();
        CountDownLatch start = new CountDownLatch(1);

        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (List<EventMessage<?>> segment : segments) {
            ProjectionDriver ownProcessor =
                    new ProjectionDriver(new CustomerViewProjection(mongo.template(), updates, queries));
            running.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(start);
                ownProcessor.deliver(segment);
            }));
        }
        start.countDown();
        running.forEach(CompletableFuture::join);

        CustomerView alice = customer(ALICE);
        assertThat(alice.totalOrders()).isEqualTo(2L * ordersPerSegment);
        assertThat(alice.confirmedOrders()).isEqualTo(2L * ordersPerSegment);
        assertThat(alice.spent()).containsExactly(total().times(2 * ordersPerSegment));
    }

    @Test
    void totalsSummedFromOrdersThatAnotherSegmentChangedMeanwhileAreSummedAgainNotWritten() {
        driver.deliver(events.placed(OrderId.of("first"), ALICE));
        InterleavingMongoTemplate interleaved = new InterleavingMongoTemplate(mongo);
        ProjectionDriver slowSegment =
                new ProjectionDriver(new CustomerViewProjection(interleaved, updates, queries));
        List<EventMessage<?>> fastSegment = events.confirmedOrder(OrderId.of("second"), ALICE);
        interleaved.afterReadingOrders(() -> driver.deliver(fastSegment));

        slowSegment.deliver(events.confirmed(OrderId.of("first")));

        CustomerView alice = customer(ALICE);
        assertThat(alice.totalOrders()).isEqualTo(2);
        assertThat(alice.confirmedOrders()).isEqualTo(2);
        assertThat(alice.spent()).containsExactly(total());
    }

    @Test
    void subscribersOfACustomerGetTheirOwnPageAgainOnEachChange() {
        FindCustomerQuery firstPageOfOne = new FindCustomerQuery(ALICE, 0, 1);
        List<Object> received = new ArrayList<>();
        updates.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                       firstPageOfOne, ResponseTypes.optionalInstanceOf(CustomerView.class),
                       ResponseTypes.instanceOf(CustomerView.class)), 16)
               .getUpdates().subscribe(update -> received.add(update.getPayload()));

        driver.deliver(events.placed(OrderId.of("first"), ALICE), events.placed(OrderId.of("second"), ALICE));

        assertThat(received).hasSize(2);
        CustomerView latest = (CustomerView) received.get(1);
        assertThat(latest.totalOrders()).isEqualTo(2);
        assertThat(latest.orders()).extracting(CustomerOrder::orderId).containsExactly(OrderId.of("second"));
    }

    @Test
    void aCustomerWithoutOrdersIsNotFound() {
        assertThat(queries.handle(FindCustomerQuery.firstPage(CustomerId.of("stranger")))).isEmpty();
    }

    private CustomerView customer(CustomerId customerId) {
        return queries.handle(FindCustomerQuery.firstPage(customerId)).orElseThrow();
    }

    /** Lets another segment run right after this one has read a customer's orders, before it writes their totals. */
    private static final class InterleavingMongoTemplate extends MongoTemplate {

        private Runnable interleaving;

        InterleavingMongoTemplate(ReadModelDatabase mongo) {
            super(mongo.client(), mongo.database());
        }

        void afterReadingOrders(Runnable otherSegment) {
            interleaving = otherSegment;
        }

        @Override
        public <T> List<T> find(Query query, Class<T> entityClass) {
            List<T> found = super.find(query, entityClass);
            if (entityClass == CustomerOrderDocument.class && interleaving != null) {
                Runnable otherSegment = interleaving;
                interleaving = null;
                otherSegment.run();
            }
            return found;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
