package com.fulfillment.query.customer;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.BOB;
import static com.fulfillment.query.FulfillmentEvents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import com.fulfillment.query.FailingWrites;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.ProjectionDriver;
import com.fulfillment.query.ReadModelDatabase;
import com.fulfillment.query.api.CustomerOrder;
import com.fulfillment.query.api.CustomerView;
import com.fulfillment.query.api.FindCustomerQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What a customer's view shows, and how its totals stay right when orders of one customer are projected
 * in one batch, redelivered, cut by a crash between the totals and the orders, or arrive out of order. Run by {@link CustomerViewProjectionTest} on the
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
        this.driver = projectedInto(mongo.template());
    }

    private ProjectionDriver projectedInto(MongoTemplate readModels) {
        return new ProjectionDriver(new CustomerViewProjection(readModels, updates, queries, ProjectionDriver.CACHED));
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
    void aRedeliveredBatchChangesNothing() {
        List<EventMessage<?>> batch = new ArrayList<>(events.cancelledAfterConfirmation(OrderId.of("cancelled"), ALICE));
        batch.addAll(events.confirmedOrder(OrderId.of("kept"), ALICE));
        driver.deliverAsBatch(batch);
        List<Document> orders = mongo.rawDocuments(CustomerOrderDocument.COLLECTION);
        List<Document> customers = mongo.rawDocuments(CustomerDocument.COLLECTION);

        driver.deliverAsBatch(batch);

        assertThat(mongo.rawDocuments(CustomerOrderDocument.COLLECTION)).isEqualTo(orders);
        assertThat(mongo.rawDocuments(CustomerDocument.COLLECTION)).isEqualTo(customers);
    }

    @Test
    void aCrashAfterTheTotalsAndBeforeTheOrdersEndsWithTheRightTotalsOnceTheBatchIsRedelivered() {
        driver.deliverAsBatch(events.confirmedOrder(OrderId.of("earlier"), ALICE));
        List<EventMessage<?>> batch = new ArrayList<>(List.of(events.placed(OrderId.of("kept"), ALICE)));
        batch.addAll(events.paid(OrderId.of("kept")));
        batch.add(events.confirmed(OrderId.of("kept")));
        FailingWrites crashing = new FailingWrites(mongo);
        ProjectionDriver crashingProcessor = projectedInto(crashing);
        crashing.failNextWriteTo(CustomerOrderDocument.COLLECTION);

        assertThatThrownBy(() -> crashingProcessor.deliverAsBatch(batch)).isInstanceOf(IllegalStateException.class);
        assertThat(customer(ALICE).totalOrders()).as("the totals were written before the crash").isEqualTo(2);

        driver.deliverAsBatch(batch);

        CustomerView alice = customer(ALICE);
        assertThat(alice.totalOrders()).isEqualTo(2);
        assertThat(alice.confirmedOrders()).isEqualTo(2);
        assertThat(alice.spent()).containsExactly(total().times(2));
        assertThat(alice.orders()).extracting(CustomerOrder::paid).containsExactly(total(), total());
    }

    @Test
    void aBatchRetriedByTheSameProcessAfterAFailedWriteCountsEveryOrderOnce() {
        FailingWrites failing = new FailingWrites(mongo);
        ProjectionDriver processor = projectedInto(failing);
        processor.deliverAsBatch(events.confirmedOrder(OrderId.of("earlier"), ALICE));
        processor.deliverAsBatch(List.of(events.placed(OrderId.of("kept"), ALICE)));
        List<EventMessage<?>> batch = new ArrayList<>(events.paid(OrderId.of("kept")));
        batch.add(events.confirmed(OrderId.of("kept")));
        failing.failNextWriteTo(CustomerOrderDocument.COLLECTION);

        assertThatThrownBy(() -> processor.deliverAsBatch(batch)).isInstanceOf(IllegalStateException.class);
        processor.deliverAsBatch(batch);
        processor.deliverAsBatch(batch.subList(batch.size() - 1, batch.size()));

        CustomerView alice = customer(ALICE);
        assertThat(alice.totalOrders()).isEqualTo(2);
        assertThat(alice.confirmedOrders()).isEqualTo(2);
        assertThat(alice.spent()).containsExactly(total().times(2));
        assertThat(alice.orders()).extracting(CustomerOrder::paid).containsExactly(total(), total());
    }

    @Test
    void aBatchRedeliveredOneEventAtATimeAfterACrashBetweenTheWritesCountsEveryOrderOnce() {
        List<EventMessage<?>> batch = new ArrayList<>(events.confirmedOrder(OrderId.of("first"), ALICE));
        batch.addAll(events.confirmedOrder(OrderId.of("second"), ALICE));
        batch.addAll(events.declinedOrder(OrderId.of("third"), BOB));
        FailingWrites crashing = new FailingWrites(mongo);
        crashing.failNextWriteTo(CustomerOrderDocument.COLLECTION);

        assertThatThrownBy(() -> projectedInto(crashing)
                .deliverAsBatch(batch)).isInstanceOf(IllegalStateException.class);
        batch.forEach(event -> driver.deliverAsBatch(List.of(event)));

        assertThat(customer(ALICE).totalOrders()).isEqualTo(2);
        assertThat(customer(ALICE).confirmedOrders()).isEqualTo(2);
        assertThat(customer(ALICE).spent()).containsExactly(total().times(2));
        assertThat(customer(BOB).totalOrders()).isEqualTo(1);
        assertThat(customer(BOB).confirmedOrders()).isZero();
    }

    @Test
    void aCrashBeforeTheTotalsAreWrittenLeavesNothingToRepair() {
        List<EventMessage<?>> batch = events.confirmedOrder(OrderId.of("kept"), ALICE);
        FailingWrites crashing = new FailingWrites(mongo);
        crashing.failNextWriteTo(CustomerDocument.COLLECTION);

        assertThatThrownBy(() -> projectedInto(crashing)
                .deliverAsBatch(batch)).isInstanceOf(IllegalStateException.class);
        assertThat(mongo.rawDocuments(CustomerOrderDocument.COLLECTION)).isEmpty();
        driver.deliverAsBatch(batch);

        assertThat(customer(ALICE).totalOrders()).isEqualTo(1);
        assertThat(customer(ALICE).spent()).containsExactly(total());
    }

    @Test
    void theTotalsKeepOnlyTheMarkersOfTheirLastWrite() {
        for (int n = 0; n < 20; n++) {
            driver.deliverAsBatch(events.confirmedOrder(OrderId.of("order-" + n), ALICE));
        }

        Document alice = mongo.rawDocuments(CustomerDocument.COLLECTION).get(0);
        assertThat(alice.getList("counted", Document.class)).hasSize(1);
        assertThat(alice).doesNotContainKey("applied");
        assertThat(customer(ALICE).totalOrders()).isEqualTo(20);
    }

    @Test
    void aBatchFoldsIntoWhatOneEventAtATimeMakes() {
        List<EventMessage<?>> story = new ArrayList<>(events.confirmedOrder(OrderId.of("kept"), ALICE));
        story.addAll(events.cancelledAfterConfirmation(OrderId.of("cancelled"), ALICE));
        story.addAll(events.declinedOrder(OrderId.of("declined"), BOB));
        driver.deliver(story);
        List<Document> oneByOne = comparable(CustomerOrderDocument.COLLECTION);
        List<Document> oneByOneTotals = comparable(CustomerDocument.COLLECTION);
        driver.reset();

        driver.deliverAsBatch(story);

        assertThat(comparable(CustomerOrderDocument.COLLECTION)).isEqualTo(oneByOne);
        assertThat(comparable(CustomerDocument.COLLECTION)).isEqualTo(oneByOneTotals);
    }

    @Test
    void documentsOfAReleaseThatSummedTheTotalsAreTakenOverAsTheyAre() {
        OrderId orderId = OrderId.of("summed");
        List<EventMessage<?>> story = events.cancelledAfterConfirmation(orderId, ALICE);
        int refunded = story.size() - 1;
        driver.deliver(story.subList(0, refunded));
        // What that release stored: totals summed from the orders, orders that do not say what the totals count.
        mongo.template().getCollection(CustomerOrderDocument.COLLECTION)
             .updateMany(new Document(), new Document("$unset", new Document("reported", "")));
        mongo.template().getCollection(CustomerDocument.COLLECTION)
             .updateMany(new Document(), new Document("$unset", new Document("counted", "")));

        driver.deliver(story.subList(refunded, story.size()));

        CustomerView alice = customer(ALICE);
        assertThat(alice.totalOrders()).isEqualTo(1);
        assertThat(alice.confirmedOrders()).isZero();
        assertThat(alice.spent()).as("charged, then refunded in full").containsExactly(Money.zero(total().currency()));
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

    /** Stored documents without what only says how they were written: versions and write markers. */
    private List<Document> comparable(String collection) {
        List<Document> documents = mongo.rawDocuments(collection);
        documents.forEach(document -> {
            document.remove("version");
            document.remove("counted");
        });
        return documents;
    }
}
