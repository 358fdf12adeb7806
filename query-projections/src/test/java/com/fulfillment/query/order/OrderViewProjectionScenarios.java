package com.fulfillment.query.order;

import static com.fulfillment.query.FulfillmentEvents.ALICE;
import static com.fulfillment.query.FulfillmentEvents.BOB;
import static com.fulfillment.query.FulfillmentEvents.KEYBOARD;
import static com.fulfillment.query.FulfillmentEvents.KEYBOARD_PRICE;
import static com.fulfillment.query.FulfillmentEvents.MOUSE;
import static com.fulfillment.query.FulfillmentEvents.MOUSE_PRICE;
import static com.fulfillment.query.FulfillmentEvents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.platform.events.StreamPosition;
import com.fulfillment.query.EventStream;
import com.fulfillment.query.FailingWrites;
import com.fulfillment.query.FulfillmentEvents;
import com.fulfillment.query.ProjectionDriver;
import com.fulfillment.query.ReadModelDatabase;
import com.fulfillment.query.api.CompensationFailureView;
import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindOrdersQuery;
import com.fulfillment.query.api.LineStockStatus;
import com.fulfillment.query.api.OrderLineView;
import com.fulfillment.query.api.OrderPage;
import com.fulfillment.query.api.OrderSummary;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.api.RefundStatus;
import com.fulfillment.query.api.ReservationStatus;
import com.fulfillment.query.api.ShortageView;
import com.fulfillment.query.api.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the order view shows for each story the write side can tell, and how it stays right under
 * redelivery and out-of-order arrival. Run by {@link OrderViewProjectionTest} on the in-memory server and
 * by {@code MongoDbProjectionsTest} on a real MongoDB.
 */
public abstract class OrderViewProjectionScenarios {

    private static final OrderId ORDER = OrderId.of("order-1");
    private static final OrderId OTHER_ORDER = OrderId.of("order-2");

    private final ReadModelDatabase mongo;
    private final QueryUpdateEmitter updates = SimpleQueryUpdateEmitter.builder().build();
    private final JoiningFollowers followers = new JoiningFollowers();
    private final OrderViewProjection projection;
    private final ProjectionDriver driver;
    private final OrderViewQueries queries;
    private final FulfillmentEvents events = new FulfillmentEvents(new EventStream());

    protected OrderViewProjectionScenarios(ReadModelDatabase mongo) {
        this.mongo = mongo;
        this.projection = new OrderViewProjection(mongo.template(), updates, followers, ProjectionDriver.CACHED);
        this.driver = new ProjectionDriver(projection);
        this.queries = new OrderViewQueries(mongo.template());
    }

    @BeforeEach
    void emptyReadModel() {
        mongo.clear();
    }

    /**
     * Starts following an order when the first change is handed over, inside the batch after its documents were
     * written and before it commits: as a client who opens the order's stream then, after the batch read the
     * order, and reads the order before the batch's write is committed.
     */
    private static final class JoiningFollowers extends OrderViewFollowers {

        private final List<OrderView> heard = new ArrayList<>();

        @Override
        void publish(OrderView view) {
            if (following() == 0) {
                follow(view.orderId(), heard::add);
            }
            super.publish(view);
        }
    }

    @Test
    void aClientWhoStartsFollowingWhileTheBatchCommitsHearsItsChanges() {
        List<EventMessage<?>> batch = new ArrayList<>(List.of(events.placed(ORDER, ALICE)));
        batch.addAll(events.stockReserved(ORDER));

        driver.deliverAsBatch(batch);

        assertThat(followers.heard).as("one change per event").hasSize(batch.size());
        assertThat(followers.heard.get(0).reservationStatus()).isEqualTo(ReservationStatus.PENDING);
        assertThat(followers.heard.get(batch.size() - 1).reservationStatus()).isEqualTo(ReservationStatus.RESERVED);
    }

    @Test
    void aPlacedOrderIsPendingWithItsLinesNotYetPriced() {
        EventMessage<?> placed = events.placed(ORDER, ALICE);

        driver.deliver(placed);

        OrderView order = view(ORDER);
        assertThat(order.customerId()).isEqualTo(ALICE);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PENDING);
        assertThat(order.reservationStatus()).isEqualTo(ReservationStatus.PENDING);
        assertThat(order.lines()).containsExactly(
                new OrderLineView(KEYBOARD, 1, null, null, LineStockStatus.PENDING, null),
                new OrderLineView(MOUSE, 2, null, null, LineStockStatus.PENDING, null));
        assertThat(order.total()).isNull();
        assertThat(order.payment()).isNull();
        assertThat(order.createdAt()).isEqualTo(placed.getTimestamp());
        assertThat(order.updatedAt()).isEqualTo(placed.getTimestamp());
        assertThat(order.timeline()).extracting(TimelineEntry::type, TimelineEntry::context, TimelineEntry::occurredAt)
                                    .containsExactly(tuple(
                                            "OrderPlacedEvent", "order", placed.getTimestamp()));
    }

    @Test
    void reservingTheStockPricesEveryLineAndTheOrder() {
        driver.deliver(events.placed(ORDER, ALICE));
        driver.deliver(events.stockReserved(ORDER));

        OrderView order = view(ORDER);
        assertThat(order.lines()).containsExactly(
                new OrderLineView(KEYBOARD, 1, KEYBOARD_PRICE, KEYBOARD_PRICE, LineStockStatus.RESERVED, null),
                new OrderLineView(MOUSE, 2, MOUSE_PRICE, MOUSE_PRICE.times(2), LineStockStatus.RESERVED, null));
        assertThat(order.total()).isEqualTo(Money.of("89.88", "EUR"));
        assertThat(order.reservationStatus()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void aConfirmedOrderIsCompletedWithItsPaymentCapturedAndATimelineAcrossTheThreeContexts() {
        List<EventMessage<?>> story = events.confirmedOrder(ORDER, ALICE);

        driver.deliver(story);

        OrderView order = view(ORDER);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPLETED);
        assertThat(order.reservationStatus()).isEqualTo(ReservationStatus.SOLD);
        assertThat(order.lines()).extracting(OrderLineView::stockStatus)
                                 .containsExactly(LineStockStatus.SOLD, LineStockStatus.SOLD);
        assertThat(order.payment().status()).isEqualTo(PaymentStatus.COMPLETED);
        assertThat(order.payment().captured()).isEqualTo(total());
        assertThat(order.payment().providerReference()).isEqualTo("psp-order-1");
        assertThat(order.timeline()).extracting(TimelineEntry::type).containsExactly(
                "OrderPlacedEvent", "StockReservedEvent", "StockReservedEvent", "OrderStockReservedEvent",
                "PaymentRequestedEvent", "PaymentCompletedEvent", "OrderConfirmedEvent", "StockSoldEvent",
                "StockSoldEvent");
        assertThat(order.timeline()).extracting(TimelineEntry::context).containsExactly(
                "order", "inventory", "inventory", "inventory", "payment", "payment", "order", "inventory",
                "inventory");
        assertThat(order.timeline()).extracting(TimelineEntry::eventId)
                                    .containsExactlyElementsOf(story.stream().map(EventMessage::getIdentifier).toList());
        assertThat(order.updatedAt()).isEqualTo(story.get(story.size() - 1).getTimestamp());
    }

    @Test
    void chargesTheProviderDidNotAnswerAreOnTheTimelineWithTheirReasonAndNextTry() {
        driver.deliver(events.placed(ORDER, ALICE));
        driver.deliver(events.stockReserved(ORDER));
        driver.deliver(events.paidAfterAnOutage(ORDER));

        OrderView order = view(ORDER);
        assertThat(order.payment().status()).isEqualTo(PaymentStatus.COMPLETED);
        assertThat(order.payment().captured()).isEqualTo(total());
        assertThat(order.timeline()).filteredOn(entry -> entry.type().equals("PaymentAttemptFailedEvent"))
                                    .extracting(TimelineEntry::context, TimelineEntry::detail)
                                    .containsExactly(
                                            tuple("payment", "charge attempt 1 got no answer (provider answered 503, "
                                                             + "circuit CLOSED); tried again in 1 s"),
                                            tuple("payment", "charge attempt 2 got no answer (circuit open, "
                                                             + "circuit OPEN); tried again in 2 s"));
    }

    @Test
    void anOrderShortOfStockIsCompensatingUntilItsReservedLineIsReleasedThenFailed() {
        driver.deliver(events.placed(ORDER, ALICE));
        driver.deliver(events.shortOfMice(ORDER));

        OrderView rejectedByInventory = view(ORDER);
        assertThat(rejectedByInventory.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(rejectedByInventory.reservationStatus()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(rejectedByInventory.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(rejectedByInventory.shortages()).containsExactly(new ShortageView(MOUSE, 2, 1));
        assertThat(rejectedByInventory.lines()).containsExactly(
                new OrderLineView(KEYBOARD, 1, KEYBOARD_PRICE, KEYBOARD_PRICE, LineStockStatus.RESERVED, null),
                new OrderLineView(MOUSE, 2, null, null, LineStockStatus.REFUSED, 1));

        driver.deliver(events.keyboardReleased(ORDER));
        driver.deliver(events.rejected(ORDER, "out of stock: mouse"));

        OrderView rejected = view(ORDER);
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("out of stock: mouse");
        assertThat(rejected.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FAILED);
        assertThat(rejected.lines()).extracting(OrderLineView::stockStatus)
                                    .containsExactly(LineStockStatus.RELEASED, LineStockStatus.REFUSED);
    }

    @Test
    void aDeclinedPaymentLeavesTheOrderCompensatingUntilEveryLineIsReleased() {
        List<EventMessage<?>> story = events.declinedOrder(ORDER, ALICE);
        List<EventMessage<?>> untilFirstRelease = story.subList(0, story.size() - 1);

        driver.deliver(untilFirstRelease);

        OrderView halfReleased = view(ORDER);
        assertThat(halfReleased.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(halfReleased.payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(halfReleased.payment().failureReason()).isEqualTo("card expired");
        assertThat(halfReleased.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);

        driver.deliver(story.get(story.size() - 1));

        OrderView released = view(ORDER);
        assertThat(released.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FAILED);
        assertThat(released.reservationStatus()).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void anExpiredPaymentIsOnTheTimelineWithItsReasonAndTheOrderIsCompensatingUntilItsStockIsReleased() {
        deliverAnOrderRejectedForItsExpiredPayment();

        OrderView rejected = view(ORDER);
        assertThat(rejected.payment().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(rejected.payment().failureReason()).isEqualTo("not completed within PT30S");
        assertThat(rejected.payment().captured()).isNull();
        assertThat(rejected.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(rejected.timeline()).filteredOn(entry -> entry.type().equals("PaymentExpiredEvent"))
                                       .extracting(TimelineEntry::context, TimelineEntry::detail)
                                       .containsExactly(tuple("payment", "payment expired: not completed within PT30S"));

        driver.deliver(events.released(ORDER));

        assertThat(view(ORDER).fulfillmentStatus()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void moneyCapturedAfterThePaymentExpiredKeepsTheOrderCompensatingUntilItIsRefunded() {
        deliverAnOrderRejectedForItsExpiredPayment();
        driver.deliver(events.released(ORDER));
        driver.deliver(events.capturedAfterExpiry(ORDER));

        OrderView capturedLate = view(ORDER);
        assertThat(capturedLate.payment().captured()).isEqualTo(total());
        assertThat(capturedLate.payment().status()).isEqualTo(PaymentStatus.REFUND_REQUESTED);
        assertThat(capturedLate.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(capturedLate.timeline()).filteredOn(entry -> entry.type().equals("PaymentCapturedAfterExpiryEvent"))
                                           .extracting(TimelineEntry::detail)
                                           .containsExactly("payment of " + total()
                                                            + " captured after it expired (psp-order-1), to be refunded");

        driver.deliver(events.refunded(ORDER).get(1));

        OrderView refunded = view(ORDER);
        assertThat(refunded.payment().refunded()).isEqualTo(total());
        assertThat(refunded.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FAILED);
    }

    private void deliverAnOrderRejectedForItsExpiredPayment() {
        driver.deliver(events.placed(ORDER, ALICE));
        driver.deliver(events.stockReserved(ORDER));
        driver.deliver(events.expired(ORDER));
        driver.deliver(events.rejected(ORDER, "payment timeout: not completed within PT30S"));
    }

    @Test
    void aDeclinedPaymentMakesTheOrderCompensatingBeforeTheOrderItselfIsRejected() {
        driver.deliver(events.placed(ORDER, ALICE));
        driver.deliver(events.stockReserved(ORDER));
        driver.deliver(events.declined(ORDER));

        OrderView order = view(ORDER);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void anOrderCancelledAfterConfirmationIsCompensatingUntilItsStockIsReturnedAndItsPaymentRefunded() {
        driver.deliver(events.confirmedOrder(ORDER, ALICE));
        driver.deliver(events.cancelled(ORDER, OrderStatus.CONFIRMED));

        assertThat(view(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view(ORDER).cancellationReason()).isEqualTo("changed my mind");
        assertThat(view(ORDER).fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);

        driver.deliver(events.returned(ORDER, MOUSE, 2), events.returned(ORDER, KEYBOARD, 1));

        OrderView stockBack = view(ORDER);
        assertThat(stockBack.reservationStatus()).isEqualTo(ReservationStatus.RETURNED);
        assertThat(stockBack.fulfillmentStatus()).as("the money is still to be refunded")
                                                 .isEqualTo(FulfillmentStatus.COMPENSATING);

        List<EventMessage<?>> refund = events.refunded(ORDER);
        driver.deliver(refund.get(0));
        assertThat(view(ORDER).payment().status()).isEqualTo(PaymentStatus.REFUND_REQUESTED);
        assertThat(view(ORDER).fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);

        driver.deliver(refund.get(1));

        OrderView settled = view(ORDER);
        assertThat(settled.fulfillmentStatus()).isEqualTo(FulfillmentStatus.FAILED);
        assertThat(settled.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(settled.payment().refunded()).isEqualTo(total());
        assertThat(settled.payment().refunds()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RefundStatus.REFUNDED);
            assertThat(r.amount()).isEqualTo(total());
            assertThat(r.reason()).isEqualTo("order cancelled");
            assertThat(r.providerReference()).isEqualTo("psp-refund-order-1");
            assertThat(r.requestedAt()).isEqualTo(refund.get(0).getTimestamp());
            assertThat(r.refundedAt()).isEqualTo(refund.get(1).getTimestamp());
        });
    }

    @Test
    void linesNamingOneProductAreShownAsOneLineWithTheirQuantitiesAddedUpAsInventoryReservesThem() {
        List<OrderLine> mouseTwice = List.of(new OrderLine(MOUSE, 1), new OrderLine(KEYBOARD, 1), new OrderLine(MOUSE, 2));
        EventStream stream = events.stream();

        driver.deliver(stream.fromOrder(ORDER, new OrderPlacedEvent(ORDER, ALICE, mouseTwice)));

        assertThat(view(ORDER).lines()).extracting(OrderLineView::productId, OrderLineView::quantity)
                                       .containsExactly(tuple(MOUSE, 3), tuple(KEYBOARD, 1));

        driver.deliver(stream.fromProduct(MOUSE, new StockReservedEvent(MOUSE, ORDER, 3, MOUSE_PRICE)),
                       stream.fromProduct(KEYBOARD, new StockReservedEvent(KEYBOARD, ORDER, 1, KEYBOARD_PRICE)),
                       stream.fromOrder(ORDER, new OrderCancelledEvent(ORDER, "changed my mind", OrderStatus.PENDING,
                                                                       mouseTwice)));

        assertThat(view(ORDER).lines()).containsExactly(
                new OrderLineView(MOUSE, 3, MOUSE_PRICE, MOUSE_PRICE.times(3), LineStockStatus.RESERVED, null),
                new OrderLineView(KEYBOARD, 1, KEYBOARD_PRICE, KEYBOARD_PRICE, LineStockStatus.RESERVED, null));
    }

    @Test
    void anOrderCancelledBeforeAnythingWasReservedHasNothingToUndoAndFailsAtOnce() {
        driver.deliver(events.placed(ORDER, ALICE), events.cancelled(ORDER, OrderStatus.PENDING));

        assertThat(view(ORDER).fulfillmentStatus()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void eventsOfOneMillisecondAreOnTheTimelineByTheirPreciseTimeWhateverOrderTheyArriveIn() {
        // A release and a rejection stored in the same millisecond by concurrent transactions: the release, stored
        // first, committed last and reached the processor after the rejection (a gap filled late). A replay
        // delivers both in the stream's order.
        EventMessage<?> placed = events.placed(ORDER, ALICE);
        EventMessage<?> reserved = events.stockReserved(ORDER).get(0);
        Instant millisecond = reserved.getTimestamp().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        EventMessage<?> released = storedAt(events.released(ORDER).get(1), millisecond.plusNanos(200_000));
        EventMessage<?> rejected = storedAt(events.rejected(ORDER, "payment declined"), millisecond.plusNanos(700_000));

        driver.deliver(placed, reserved, rejected, released);

        assertThat(view(ORDER).timeline()).extracting(TimelineEntry::type)
                                          .containsExactly("OrderPlacedEvent", "StockReservedEvent",
                                                           "StockReleasedEvent", "OrderRejectedEvent");
        OrderView live = view(ORDER);

        driver.reset();
        driver.deliver(placed, reserved, released, rejected);

        assertThat(view(ORDER)).as("the replay's view").isEqualTo(live);
    }

    @Test
    void eventsOfOneInstantAreOnTheTimelineInTheStreamsOrderWhateverOrderTheyArriveIn() {
        // A rejection and a release stored at the very same instant by concurrent transactions, the rejection first
        // in the stream: it committed last and reached the processor after the release. A replay delivers both in
        // the stream's order.
        EventMessage<?> placed = events.placed(ORDER, ALICE);
        EventMessage<?> reserved = events.stockReserved(ORDER).get(0);
        Instant instant = reserved.getTimestamp().truncatedTo(ChronoUnit.MILLIS).plusMillis(1).plusNanos(300_000);
        EventMessage<?> rejected = inStream(storedAt(events.rejected(ORDER, "payment declined"), instant), 10);
        EventMessage<?> released = inStream(storedAt(events.released(ORDER).get(1), instant), 11);

        driver.deliver(placed, reserved, released, rejected);

        assertThat(view(ORDER).timeline()).extracting(TimelineEntry::type)
                                          .containsExactly("OrderPlacedEvent", "StockReservedEvent",
                                                           "OrderRejectedEvent", "StockReleasedEvent");
        OrderView live = view(ORDER);

        driver.reset();
        driver.deliver(placed, reserved, rejected, released);

        assertThat(view(ORDER)).as("the replay's view").isEqualTo(live);
    }

    @Test
    void anEventThatFilledAGapIsPlacedByItsOwnPositionNotByItsTokens() {
        // As above, read from the embedded store: the rejection, stored at 10, committed after the release at 11.
        // The release arrived with a token at 11 and a gap at 10; the rejection then filled the gap and arrived with
        // the token at 11 as well, the furthest event read, so only the position the store names places it.
        EventMessage<?> placed = events.placed(ORDER, ALICE);
        EventMessage<?> reserved = events.stockReserved(ORDER).get(0);
        Instant instant = reserved.getTimestamp().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        EventMessage<?> rejected = storedAt(events.rejected(ORDER, "payment declined"), instant);
        EventMessage<?> released = storedAt(events.released(ORDER).get(1), instant);

        driver.deliver(placed, reserved,
                       readAfterGap(released, 11, GapAwareTrackingToken.newInstance(11, Set.of(10L))),
                       readAfterGap(rejected, 10, GapAwareTrackingToken.newInstance(11, Set.of())));

        assertThat(view(ORDER).timeline()).extracting(TimelineEntry::type)
                                          .containsExactly("OrderPlacedEvent", "StockReservedEvent",
                                                           "OrderRejectedEvent", "StockReleasedEvent");
        OrderView live = view(ORDER);

        driver.reset();
        driver.deliver(placed, reserved,
                       readAfterGap(rejected, 10, GapAwareTrackingToken.newInstance(10, Set.of())),
                       readAfterGap(released, 11, GapAwareTrackingToken.newInstance(11, Set.of())));

        assertThat(view(ORDER)).as("the replay's view").isEqualTo(live);
    }

    /** The event as the embedded store hands it out: the processor's {@code token}, its own {@code position}. */
    private static EventMessage<?> readAfterGap(EventMessage<?> event, long position, TrackingToken token) {
        return new GenericTrackedDomainEventMessage<>(token, (DomainEventMessage<?>) event)
                .andMetaData(Map.of(StreamPosition.METADATA_KEY, position));
    }

    /** The event as a processor reads it, at {@code position} in the event stream. */
    private static EventMessage<?> inStream(EventMessage<?> event, long position) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                                                      (DomainEventMessage<?>) event);
    }

    /** The event as the event store keeps it, stored at {@code at}. */
    private static EventMessage<?> storedAt(EventMessage<?> event, Instant at) {
        DomainEventMessage<?> stored = (DomainEventMessage<?>) event;
        return new GenericDomainEventMessage<>(stored.getType(), stored.getAggregateIdentifier(),
                                               stored.getSequenceNumber(), stored.getPayload(), stored.getMetaData(),
                                               stored.getIdentifier(), at);
    }

    @Test
    void everyEventDeliveredTwiceChangesNothing() {
        List<EventMessage<?>> story = events.cancelledAfterConfirmation(ORDER, ALICE);
        driver.deliver(story);
        List<Document> once = mongo.rawDocuments(OrderDocument.COLLECTION);

        driver.deliver(story);
        driver.deliver(story.get(3), story.get(0), story.get(story.size() - 1));

        assertThat(mongo.rawDocuments(OrderDocument.COLLECTION)).isEqualTo(once);
        assertThat(view(ORDER).timeline()).hasSize(story.size());
    }

    @Test
    void aSagaEventSeenLiveAndAgainAsTheEventStoreHandsItBackIsAppliedOnce() {
        driver.deliver(events.placed(ORDER, ALICE));
        EventMessage<?> failure = events.compensationFailed(ORDER);

        driver.deliver(failure);
        driver.deliver(EventStream.asStored(failure));

        assertThat(view(ORDER).compensationFailures()).hasSize(1);
    }

    @Test
    void twoDifferentSagaEventsOfOneKindAreBothApplied() {
        driver.deliver(events.placed(ORDER, ALICE));

        driver.deliver(EventStream.asStored(events.compensationFailed(ORDER)),
                       EventStream.asStored(events.compensationFailed(ORDER)));

        assertThat(view(ORDER).compensationFailures()).hasSize(2);
    }

    @Test
    void aCompensationThatFailedForGoodIsShownWithItsContextAndTheOrderStaysCompensating() {
        driver.deliver(events.confirmedOrder(ORDER, ALICE));
        driver.deliver(events.cancelled(ORDER, OrderStatus.CONFIRMED));
        EventMessage<?> failure = events.compensationFailed(ORDER);

        driver.deliver(failure);

        OrderView order = view(ORDER);
        assertThat(order.compensationFailures()).containsExactly(CompensationFailureView.of(
                (CompensationFailedEvent) failure.getPayload(), failure.getIdentifier(), failure.getTimestamp()));
        assertThat(order.compensationFailures().get(0).stillOpen()).isTrue();
        assertThat(order.fulfillmentStatus()).isEqualTo(FulfillmentStatus.COMPENSATING);
        assertThat(order.timeline().get(order.timeline().size() - 1))
                .extracting(TimelineEntry::type, TimelineEntry::context)
                .containsExactly("CompensationFailedEvent", "payment");
    }

    @Test
    void aFailedCompensationRefusedAgainIsShownOnceAndAnOperatorsSettlementClosesIt() {
        driver.deliver(events.confirmedOrder(ORDER, ALICE));
        EventMessage<?> failure = events.compensationFailed(ORDER);
        CompensationFailedEvent recorded = (CompensationFailedEvent) failure.getPayload();
        EventMessage<?> settled = events.compensationSettled(ORDER, recorded.failureId(), "refunded by bank transfer");

        driver.deliver(failure);
        driver.deliver(events.compensationFailedAgain(recorded));
        driver.deliver(settled);

        assertThat(view(ORDER).compensationFailures()).singleElement().satisfies(shown -> {
            assertThat(shown.stillOpen()).isFalse();
            assertThat(shown.resolution()).isEqualTo("refunded by bank transfer");
            assertThat(shown.settledAt()).isEqualTo(settled.getTimestamp());
        });
    }

    @Test
    void anOrderIsShownStuckWhileASagaHoldsItsEventsParkedAndNoLongerOnceTheyAreHandled() {
        driver.deliver(events.placed(ORDER, ALICE));
        EventMessage<?> parked = events.processingStuck(ORDER, "payment-saga");

        driver.deliver(parked);

        assertThat(view(ORDER).stuck()).singleElement().satisfies(stuck -> {
            assertThat(stuck.processingGroup()).isEqualTo("payment-saga");
            assertThat(stuck.since()).isEqualTo(parked.getTimestamp());
        });

        driver.deliver(events.processingResumed(ORDER, "payment-saga"));

        assertThat(view(ORDER).stuck()).isEmpty();
    }

    @Test
    void eventsOfOtherAggregatesThatArriveBeforeThePlacementAreKeptButTheOrderIsShownOnlyOncePlaced() {
        EventMessage<?> placed = events.placed(ORDER, ALICE);
        List<EventMessage<?>> reserved = events.stockReserved(ORDER);
        List<EventMessage<?>> paid = events.paid(ORDER);

        driver.deliver(reserved);
        driver.deliver(paid);
        assertThat(queries.handle(new FindOrderQuery(ORDER))).isEmpty();
        assertThat(queries.handle(new FindOrdersQuery(null, null, 0, 10)).orders()).isEmpty();

        driver.deliver(placed);

        OrderView order = view(ORDER);
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.total()).isEqualTo(total());
        assertThat(order.payment().status()).isEqualTo(PaymentStatus.COMPLETED);
        assertThat(order.lines()).extracting(OrderLineView::quantity, OrderLineView::stockStatus)
                                 .containsExactly(tuple(1, LineStockStatus.RESERVED),
                                                  tuple(2, LineStockStatus.RESERVED));
        assertThat(order.createdAt()).isEqualTo(placed.getTimestamp());
    }

    @Test
    void anOlderEventOfAnAggregateIsIgnoredOnceANewerOneOfTheSameAggregateWasApplied() {
        EventMessage<?> placed = events.placed(ORDER, ALICE);
        EventMessage<?> cancelled = events.cancelled(ORDER, OrderStatus.PENDING);
        driver.deliver(placed, cancelled);

        driver.deliver(placed);

        assertThat(view(ORDER).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void subscribersOfAnOrderAreToldOfEachChangeAndOnlyOfThatOrder() {
        UpdateHandlerRegistration<Object> order = subscribe(new FindOrderQuery(ORDER));
        UpdateHandlerRegistration<Object> other = subscribe(new FindOrderQuery(OTHER_ORDER));
        List<Object> received = new ArrayList<>();
        order.getUpdates().subscribe(update -> received.add(update.getPayload()));
        List<Object> receivedByOther = new ArrayList<>();
        other.getUpdates().subscribe(update -> receivedByOther.add(update.getPayload()));

        driver.deliver(events.placed(ORDER, ALICE), events.confirmed(ORDER));

        assertThat(received).hasSize(2).allSatisfy(update -> assertThat(update).isInstanceOf(OrderView.class));
        assertThat(((OrderView) received.get(1)).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(receivedByOther).isEmpty();
    }

    @Test
    void updatesAreMadeOnlyForTheQueriesSomeoneSubscribedTo() {
        List<Object> emitted = new ArrayList<>();
        updates.registerDispatchInterceptor(messages -> {
            messages.forEach(update -> emitted.add(update.getPayload()));
            return (index, update) -> update;
        });

        driver.deliver(events.placed(ORDER, ALICE));
        assertThat(emitted).as("updates made while nobody subscribed").isEmpty();

        subscribe(new FindOrderQuery(OTHER_ORDER));
        driver.deliver(events.confirmed(ORDER));
        assertThat(emitted).as("updates made for a subscription to one order, not to the order lists")
                           .singleElement().isInstanceOf(OrderView.class);
    }

    @Test
    void aSubscriptionOpenedAsTheBatchLooksForSubscribersReadsTheChangeInItsInitialResult() {
        List<OrderView> initialResults = new ArrayList<>();
        // subscribes (and reads its initial result) at the moment the batch asks whether anyone subscribed
        QueryUpdateEmitter joining = new SimpleQueryUpdateEmitter(SimpleQueryUpdateEmitter.builder()) {
            @Override
            public Set<SubscriptionQueryMessage<?, ?, ?>> activeSubscriptions() {
                if (initialResults.isEmpty()) {
                    initialResults.add(queries.handle(new FindOrderQuery(ORDER)).orElse(null));
                }
                return super.activeSubscriptions();
            }
        };
        ProjectionDriver joiningDriver = new ProjectionDriver(
                new OrderViewProjection(mongo.template(), joining, new OrderViewFollowers(), ProjectionDriver.CACHED));

        joiningDriver.deliverAsBatch(List.of(events.placed(ORDER, ALICE)));

        assertThat(initialResults).as("the order as a subscription opened then reads it").singleElement()
                                  .isNotNull()
                                  .extracting(OrderView::status).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void ordersAreListedNewestFirstFilteredByCustomerAndStatusInBoundedPages() {
        driver.deliver(events.confirmedOrder(OrderId.of("a-1"), ALICE));
        events.stream().elapse(Duration.ofMinutes(1));
        driver.deliver(events.declinedOrder(OrderId.of("b-1"), BOB));
        events.stream().elapse(Duration.ofMinutes(1));
        driver.deliver(events.placed(OrderId.of("a-2"), ALICE));
        events.stream().elapse(Duration.ofMinutes(1));
        driver.deliver(events.placed(OrderId.of("a-3"), ALICE));

        OrderPage alices = queries.handle(new FindOrdersQuery(ALICE, null, 0, 2));
        assertThat(alices.orders()).extracting(OrderSummary::orderId)
                                   .containsExactly(OrderId.of("a-3"), OrderId.of("a-2"));
        assertThat(alices.totalOrders()).isEqualTo(3);
        assertThat(alices.totalPages()).isEqualTo(2);
        assertThat(queries.handle(new FindOrdersQuery(ALICE, null, 1, 2)).orders())
                .extracting(OrderSummary::orderId, OrderSummary::status, OrderSummary::fulfillmentStatus,
                            OrderSummary::total)
                .containsExactly(tuple(OrderId.of("a-1"), OrderStatus.CONFIRMED,
                                                                     FulfillmentStatus.COMPLETED, total()));
        assertThat(queries.handle(new FindOrdersQuery(null, OrderStatus.REJECTED, 0, 10)).orders())
                .extracting(OrderSummary::orderId).containsExactly(OrderId.of("b-1"));
        assertThat(queries.handle(new FindOrdersQuery(ALICE, OrderStatus.PENDING, 0, 10)).orders())
                .extracting(OrderSummary::orderId).containsExactly(OrderId.of("a-3"), OrderId.of("a-2"));
        assertThat(queries.handle(new FindOrdersQuery(null, null, 0, 100)).totalOrders()).isEqualTo(4);
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(queries.handle(new FindOrderQuery(OrderId.of("nobody-ordered-this")))).isEmpty();
    }

    @Test
    void aResetEmptiesTheViewForAReplay() {
        List<EventMessage<?>> story = events.confirmedOrder(ORDER, ALICE);
        driver.deliverAsBatch(story);

        driver.reset();

        assertThat(mongo.rawDocuments(OrderDocument.COLLECTION)).isEmpty();
        driver.deliverAsBatch(story);
        assertThat(view(ORDER).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void aBatchRetriedByTheSameProcessAfterAFailedWriteIsApplied() {
        FailingWrites failing = new FailingWrites(mongo);
        ProjectionDriver processor =
                new ProjectionDriver(new OrderViewProjection(failing, updates, new OrderViewFollowers(),
                                                             ProjectionDriver.CACHED));
        List<EventMessage<?>> story = events.confirmedOrder(ORDER, ALICE);
        processor.deliverAsBatch(story.subList(0, 1));
        failing.failNextWriteTo(OrderDocument.COLLECTION);

        assertThatThrownBy(() -> processor.deliverAsBatch(story.subList(1, story.size())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(view(ORDER).status()).isEqualTo(OrderStatus.PENDING);
        processor.deliverAsBatch(story.subList(1, story.size()));

        assertThat(view(ORDER).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view(ORDER).timeline()).hasSize(story.size());
    }

    private OrderView view(OrderId orderId) {
        return queries.handle(new FindOrderQuery(orderId)).orElseThrow();
    }

    private UpdateHandlerRegistration<Object> subscribe(FindOrderQuery query) {
        return updates.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(
                query, ResponseTypes.optionalInstanceOf(OrderView.class), ResponseTypes.instanceOf(OrderView.class)),
                                             16);
    }
}
