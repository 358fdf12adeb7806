package com.fulfillment.query.order;

import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservationRefusedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.CompensationSettledEvent;
import com.fulfillment.kernel.OrderProcessingResumedEvent;
import com.fulfillment.kernel.OrderProcessingStuckEvent;
import com.fulfillment.query.api.StuckProcessingView;
import com.fulfillment.query.api.CompensationFailureView;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.payment.api.PaymentAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentCapturedAfterExpiryEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentRefundAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.ProjectionProperties;
import com.fulfillment.query.ReadModelIndexes;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.api.FindOrderQuery;
import com.fulfillment.query.api.FindOrdersQuery;
import com.fulfillment.query.api.OrderSummary;
import com.fulfillment.query.api.OrderView;
import com.fulfillment.query.batch.BatchedWrites;
import com.fulfillment.query.batch.DocumentBatch;
import com.fulfillment.query.batch.DocumentCollection;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps one {@link OrderView} per order from the events of all three contexts. Its processing group
 * is sequenced on the order id, so the events of one order are applied one at a time and in the order
 * they were stored, although they come from the order, its payment and several products; each
 * document remembers what it applied, so a redelivered event changes nothing. A batch of events is
 * folded into its orders in memory and each order written once, when the batch ends.
 */
@Component
@ProcessingGroup(ProcessingGroups.ORDER_VIEW)
public class OrderViewProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;
    private final OrderViewFollowers followers;
    private final DocumentCollection<OrderDocument> orders;

    public OrderViewProjection(MongoTemplate mongo, QueryUpdateEmitter updates, OrderViewFollowers followers,
                               ProjectionProperties settings) {
        this.mongo = mongo;
        this.updates = updates;
        this.followers = followers;
        this.orders = new DocumentCollection<>(mongo, OrderDocument.class,
                                               id -> OrderDocument.startedBy(OrderId.of(id)), settings.documentCache());
    }

    // order context

    @EventHandler
    void on(OrderPlacedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "placed by customer " + event.customerId() + ": " + describe(event.lines()),
              order -> order.placed(event.customerId(), event.lines(), StoredTime.of(message)));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "confirmed", OrderDocument::confirmed);
    }

    @EventHandler
    void on(OrderRejectedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "rejected: " + event.reason(), order -> order.rejected(event.reason()));
    }

    @EventHandler
    void on(OrderCancelledEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "cancelled while " + event.previousStatus() + ": " + event.reason(),
              order -> order.cancelled(event.reason(), event.lines()));
    }

    // inventory context

    @EventHandler
    void on(StockReservedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message,
              "reserved " + event.quantity() + " × " + event.productId() + " at " + event.unitPrice(),
              order -> order.stockReserved(event.productId(), event.quantity(), event.unitPrice()));
    }

    @EventHandler
    void on(StockReservationRefusedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "refused " + event.requested() + " × " + event.productId() + ": only "
                                        + event.available() + " available",
              order -> order.stockRefused(event.productId(), event.requested(), event.available()));
    }

    @EventHandler
    void on(OrderStockReservedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "every line reserved, total " + event.total(),
              order -> order.allStockReserved(event.lines(), event.total()));
    }

    @EventHandler
    void on(OrderStockRejectedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "stock short: " + describeShortages(event.shortages()),
              order -> order.stockRejected(event.shortages()));
    }

    @EventHandler
    void on(StockReleasedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "released " + event.quantity() + " × " + event.productId(),
              order -> order.stockReleased(event.productId()));
    }

    @EventHandler
    void on(StockSoldEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "sold " + event.quantity() + " × " + event.productId(),
              order -> order.stockSold(event.productId()));
    }

    @EventHandler
    void on(StockReturnedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "returned " + event.quantity() + " × " + event.productId(),
              order -> order.stockReturned(event.productId()));
    }

    // payment context

    @EventHandler
    void on(PaymentRequestedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "payment of " + event.amount() + " requested",
              order -> order.paymentRequested(event.amount()));
    }

    @EventHandler
    void on(PaymentCompletedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "payment of " + event.amount() + " captured (" + event.providerReference() + ")",
              order -> order.paymentCompleted(event.amount(), event.providerReference()));
    }

    @EventHandler
    void on(PaymentDeclinedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "payment declined: " + event.reason(),
              order -> order.paymentDeclined(event.reason()));
    }

    @EventHandler
    void on(PaymentFailedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "payment failed: " + event.reason(),
              order -> order.paymentFailed(event.reason()));
    }

    @EventHandler
    void on(PaymentExpiredEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "payment expired: " + event.reason(),
              order -> order.paymentExpired(event.reason()));
    }

    @EventHandler
    void on(PaymentCapturedAfterExpiryEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "payment of " + event.amount() + " captured after it expired ("
                                        + event.providerReference() + "), to be refunded",
              order -> order.paymentCapturedAfterExpiry(event.amount(), event.providerReference()));
    }

    /**
     * A charge the provider did not answer (an error, a timeout, the circuit open) changes nothing the order
     * shows but its timeline: an operator sees why a payment is taking long and when it is tried again. The
     * retry itself is not listed; it either answers or fails again.
     */
    @EventHandler
    void on(PaymentAttemptFailedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, unanswered("charge", event.attempt(), event.reason(), event.circuitState(),
                                                   event.retryDelayMillis()), order -> { });
    }

    @EventHandler
    void on(PaymentRefundAttemptFailedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, unanswered("refund", event.attempt(), event.reason(), event.circuitState(),
                                                   event.retryDelayMillis()), order -> { });
    }

    private static String unanswered(String what, int attempt, String reason, String circuitState, long retryDelayMillis) {
        return what + " attempt " + attempt + " got no answer (" + reason + ", circuit " + circuitState
               + "); tried again in " + Duration.ofMillis(retryDelayMillis).toSeconds() + " s";
    }

    @EventHandler
    void on(PaymentRefundRequestedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "refund of " + event.amount() + " requested: " + event.reason(),
              order -> order.refundRequested(event.amount(), event.reason(), StoredTime.of(message)));
    }

    @EventHandler
    void on(PaymentRefundedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "refunded " + event.amount() + " (" + event.providerReference() + ")",
              order -> order.refunded(event.amount(), event.providerReference(), StoredTime.of(message)));
    }

    // compensations that need an operator

    @EventHandler
    void on(CompensationFailedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, event.commandType() + " failed for good: " + event.reason(),
              order -> order.compensationFailed(
                      CompensationFailureView.of(event, message.getIdentifier(), StoredTime.of(message))));
    }

    @EventHandler
    void on(CompensationSettledEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, "compensation " + (event.retried() ? "retried" : "settled") + ": "
                                        + event.resolution(),
              order -> order.compensationSettled(event.failureId(), event.resolution(), StoredTime.of(message)));
    }

    // sagas and policies that parked an event of the order

    @EventHandler
    void on(OrderProcessingStuckEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, event.processingGroup() + " parked " + event.eventType() + ": " + event.cause(),
              order -> order.stuck(new StuckProcessingView(event.processingGroup(), event.eventType(), event.eventId(),
                                                           event.cause(), StoredTime.of(message))));
    }

    @EventHandler
    void on(OrderProcessingResumedEvent event, EventMessage<?> message) {
        apply(event.orderId(), message, event.processingGroup() + (event.evicted() ? " gave up its parked events"
                                                                                   : " handled its parked events"),
              order -> order.resumed(event.processingGroup()));
    }

    /** A replay rebuilds every order from its first event. */
    @ResetHandler
    void reset() {
        ReadModelIndexes.emptied(mongo, OrderDocument.class);
        orders.forgetAll();
        OrderViewQueries.createIndexes(mongo);
    }

    private void apply(OrderId orderId, EventMessage<?> event, String detail, Consumer<OrderDocument> change) {
        String context = EventContexts.contextOf(event.getPayload());
        BatchedWrites.<DocumentBatch<OrderDocument>>into(
                this, () -> new DocumentBatch<>(orders, this::publication),
                batch -> batch.add(orderId.value(), event, order -> {
                    change.accept(order);
                    order.recorded(event, context, detail);
                }));
    }

    /**
     * What followers and subscribers hear after one change, taken when the change is applied and sent once the
     * order is written (and, inside a processor's batch, once the batch commits: Axon defers emitting until then,
     * and so do the followers), so that a status stream sees every status an order passed through, not only where
     * the batch left it. Whether anyone follows the order is looked up once the batch has committed, not now: a
     * client that starts following between now and then reads the order before the batch's write, and would
     * otherwise hear of this change only with the order's next one, if ever.
     *
     * <p>An update goes to Axon's emitter only while a subscription query of its type is open. The emitter makes a
     * message of every update it is given (an identifier, the unit of work's correlation data) before it looks for
     * subscribers: a tenth of this projection's work in a rebuild, for updates nobody would receive (BENCHMARKS.md,
     * "Updates for subscriptions nobody opened"). Asking here is sound because the order is written by then: a
     * subscription opened after this check reads the order with the change in its initial result; one opened before
     * it is found, and hears the change after the commit.
     */
    private Runnable publication(OrderDocument order) {
        if (!order.isPlaced()) {
            return null;
        }
        OrderView view = order.toView();
        OrderSummary summary = order.toSummary();
        return () -> {
            followers.publish(view);
            if (subscribed(FindOrderQuery.class)) {
                updates.emit(FindOrderQuery.class, query -> query.orderId().equals(view.orderId()), view);
            }
            if (subscribed(FindOrdersQuery.class)) {
                updates.emit(FindOrdersQuery.class, query -> query.concernsCustomer(summary.customerId()), summary);
            }
        };
    }

    private boolean subscribed(Class<?> queryType) {
        return updates.activeSubscriptions().stream()
                      .anyMatch(subscription -> queryType.isAssignableFrom(subscription.getPayloadType()));
    }

    private static String describe(List<OrderLine> lines) {
        return lines.stream().map(line -> line.quantity() + " × " + line.productId()).collect(Collectors.joining(", "));
    }

    private static String describeShortages(List<Shortage> shortages) {
        return shortages.stream()
                        .map(shortage -> shortage.productId() + " (asked " + shortage.requested() + ", available "
                                         + shortage.available() + ")")
                        .collect(Collectors.joining(", "));
    }
}
