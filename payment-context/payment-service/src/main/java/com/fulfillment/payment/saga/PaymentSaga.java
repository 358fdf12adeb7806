package com.fulfillment.payment.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.payment.api.RequestPaymentCommand;
import com.fulfillment.platform.CommandFailure;
import com.fulfillment.platform.CompensationGateway;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rule "money taken for an order is refunded unless the order is confirmed, and an order that
 * is already rejected or cancelled is never charged". Once inventory has reserved a placed order's stock,
 * it asks for the order's total to be charged, then waits for two things that may arrive in either order:
 * the payment's outcome and the order's fate. Captured money and a rejected or cancelled order make a
 * refund, sent once; a confirmed order, a payment that took no money, or a finished refund end the saga.
 * An order rejected or cancelled before any payment was asked for, or whose stock could not be reserved,
 * ends the saga at once with nothing charged.
 *
 * <p>The saga starts on {@link OrderPlacedEvent}, not on inventory's {@link OrderStockReservedEvent}:
 * inventory publishes the reservation from its own saga, so it can land in the event stream after the
 * order's rejection or cancellation, and a saga started by it would charge a closed order and never hear
 * of its closing. Started at placement, the saga sees every event of the order in stream order.
 *
 * <p>A cancellation of an order that was already confirmed is {@code RefundOnCancellationPolicy}'s
 * business: this saga ended at the confirmation.
 */
@ProcessingGroup(PaymentSaga.PROCESSING_GROUP)
// Sagas are stored as JSON; the state is its private fields, not bean properties.
@JsonAutoDetect(fieldVisibility = Visibility.ANY,
                getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE,
                setterVisibility = Visibility.NONE)
public class PaymentSaga {

    public static final String PROCESSING_GROUP = "payment-saga";
    public static final String ORDER_ID = "orderId";

    /** How long a payment request may take to be stored before it counts as failed and is made again. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(PaymentSaga.class);

    private OrderId orderId;
    private FulfillmentStatus status;
    private boolean paymentRequested;
    private boolean paymentCaptured;
    /** Why the order was rejected or cancelled; null while it is open. */
    private String orderClosedBecause;
    private boolean refundRequested;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        status = FulfillmentStatus.PENDING;
        // Nothing to charge yet: inventory prices the order when it reserves the stock.
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderStockReservedEvent event, CommandGateway commandGateway) {
        // A reservation of an order closed before it never gets here: that closing ended this saga,
        // and a reservation starts none.
        if (paymentRequested) {
            return; // a redelivered reservation reaches this saga again: the payment was already asked for
        }
        RequestPaymentCommand request = new RequestPaymentCommand(PaymentId.forOrder(orderId), orderId, event.total());
        try {
            // Waited for, so that a request that cannot be delivered (Axon Server unreachable, the app
            // stopping) fails this event's handling and is made again when the event is, not lost.
            commandGateway.sendAndWait(request, REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException failure) {
            CommandFailure.expected(failure, CommandFailure::aggregateExists);
            // This reservation was handled before but the saga's state after it was not stored
            // (the unit of work failed after the command went out): the payment exists, nothing to do.
            log.info("Payment for order {} was already requested", request.orderId());
        }
        paymentRequested = true;
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderStockRejectedEvent event) {
        // Inventory publishes either this or the reservation, never both, so no payment was asked for.
        status = FulfillmentStatus.FAILED;
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentCompletedEvent event, CompensationGateway compensations) {
        paymentCaptured = true;
        if (orderIsClosed()) {
            refund(compensations); // the order was rejected or cancelled before the money arrived
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderConfirmedEvent event) {
        status = FulfillmentStatus.COMPLETED;
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentDeclinedEvent event) {
        status = FulfillmentStatus.FAILED; // no money was taken, so there is nothing to give back
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentFailedEvent event) {
        status = FulfillmentStatus.FAILED; // no money was taken, so there is nothing to give back
    }

    /**
     * An expired payment took no money: expiry is refused once a capture is recorded, and a capture the
     * provider reports after it is refunded by the payment itself. A reservation still to come finds no saga
     * and asks for no payment.
     */
    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentExpiredEvent event) {
        status = FulfillmentStatus.FAILED;
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedEvent event, CompensationGateway compensations) {
        closeOrder("order rejected: " + event.reason(), compensations);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelledEvent event, CompensationGateway compensations) {
        if (event.previousStatus() == OrderStatus.CONFIRMED) {
            return; // refunded by RefundOnCancellationPolicy; refunding here too would ask twice
        }
        closeOrder("order cancelled: " + event.reason(), compensations);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentRefundedEvent event) {
        status = FulfillmentStatus.FAILED; // the money is back and the order did not go through
    }

    /** Where this context's part of the order stands. */
    public FulfillmentStatus status() {
        return status;
    }

    private void closeOrder(String reason, CompensationGateway compensations) {
        if (!paymentRequested) {
            // Closed before its stock was reserved: nothing was charged, and a reservation that still
            // arrives must find no saga to ask for the payment.
            status = FulfillmentStatus.FAILED;
            SagaLifecycle.end();
            return;
        }
        if (!orderIsClosed()) {
            orderClosedBecause = reason;
        }
        if (paymentCaptured) {
            refund(compensations);
        }
        // Otherwise the payment's outcome is still to come: a capture is refunded then, a decline or failure ends.
    }

    private void refund(CompensationGateway compensations) {
        if (refundRequested) {
            return; // asked once; a redelivered event re-sends it only when this state was not stored
        }
        refundRequested = true;
        status = FulfillmentStatus.COMPENSATING;
        compensations.send(orderId, new RefundPaymentCommand(PaymentId.forOrder(orderId), orderClosedBecause));
    }

    private boolean orderIsClosed() {
        return orderClosedBecause != null;
    }
}
