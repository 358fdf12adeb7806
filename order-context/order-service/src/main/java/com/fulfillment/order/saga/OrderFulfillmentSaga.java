package com.fulfillment.order.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.ConfirmOrderCommand;
import com.fulfillment.order.command.OrderStateException;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.RejectOrderCommand;
import com.fulfillment.payment.api.ExpirePaymentCommand;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.platform.CommandFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rule "an order that is placed ends confirmed, rejected or cancelled, and never stays pending
 * past its payment deadline". Inventory and payment report how their part went; this saga turns the first
 * conclusive outcome into the order's decision (confirm or reject) and rejects the order itself when no
 * outcome arrives before the deadline. It ends when the order has ended, whoever ended it.
 *
 * <p>It decides at most once: a redelivered or late outcome (a payment completing after the order was
 * already rejected for timing out) sends nothing. Undoing what the other contexts did for a rejected or
 * cancelled order is theirs to do, in reaction to the order's events.
 */
@ProcessingGroup(OrderFulfillmentSaga.PROCESSING_GROUP)
// The saga store keeps this state as JSON; there are no getters, so Jackson must read the fields.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class OrderFulfillmentSaga {

    public static final String PROCESSING_GROUP = "order-fulfillment-saga";
    public static final String ORDER_ID = "orderId";
    public static final String PAYMENT_DEADLINE = "order-payment-deadline";

    /** How long a decision may take to reach the order before its delivery counts as failed and is retried. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(OrderFulfillmentSaga.class);

    private OrderId orderId;
    private String paymentDeadlineId;
    private FulfillmentStatus status;
    private Decision decision;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlacedEvent event, OrderTimeouts timeouts, DeadlineManager deadlineManager) {
        if (orderId != null) {
            // A redelivered OrderPlacedEvent reaches the saga it started instead of a new one: one deadline is enough.
            return;
        }
        orderId = event.orderId();
        status = FulfillmentStatus.PENDING;
        decision = Decision.UNDECIDED;
        paymentDeadlineId = deadlineManager.schedule(timeouts.paymentTimeout(), PAYMENT_DEADLINE,
                                                     new PaymentDeadline(timeouts.paymentTimeout()));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderStockRejectedEvent event, CommandGateway commandGateway) {
        // Inventory releases its partial reservation itself and nothing was charged: nothing is left to undo.
        decide(Decision.REJECT, new RejectOrderCommand(orderId, "out of stock: " + describe(event.shortages())),
               FulfillmentStatus.FAILED, commandGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentCompletedEvent event, CommandGateway commandGateway) {
        decide(Decision.CONFIRM, new ConfirmOrderCommand(orderId), FulfillmentStatus.COMPLETED, commandGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentDeclinedEvent event, CommandGateway commandGateway) {
        // Stock is reserved by now; inventory releases it when it sees the order rejected.
        decide(Decision.REJECT, new RejectOrderCommand(orderId, "payment declined: " + event.reason()),
               FulfillmentStatus.COMPENSATING, commandGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentFailedEvent event, CommandGateway commandGateway) {
        decide(Decision.REJECT, new RejectOrderCommand(orderId, "payment failed: " + event.reason()),
               FulfillmentStatus.COMPENSATING, commandGateway);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(PaymentExpiredEvent event, CommandGateway commandGateway) {
        decide(Decision.REJECT, new RejectOrderCommand(orderId, "payment timeout: " + event.reason()),
               FulfillmentStatus.COMPENSATING, commandGateway);
    }

    /**
     * Asks the payment to expire and waits for its answer, deciding nothing itself: the payment's own event
     * (expired, completed, declined or failed) brings the decision. If the request cannot be delivered (the
     * app is stopping, the store is down), the failure rolls this handler back and the durable deadline
     * manager runs it again later, instead of the deadline being spent with the order left pending.
     */
    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    public void on(PaymentDeadline deadline, CommandGateway commandGateway) {
        // It fired, so there is nothing left to cancel; durable deadline managers refuse to cancel a fired one.
        paymentDeadlineId = null;
        if (decision != Decision.UNDECIDED) {
            return;
        }
        PaymentStatus payment = commandGateway.sendAndWait(
                new ExpirePaymentCommand(PaymentId.forOrder(orderId), orderId,
                                         "not completed within " + deadline.timeout()),
                DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.debug("Order {}: payment deadline passed, the payment is {}", orderId, payment);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderConfirmedEvent event, DeadlineManager deadlineManager) {
        status = FulfillmentStatus.COMPLETED;
        cancelPaymentDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejectedEvent event, DeadlineManager deadlineManager) {
        if (decision == Decision.UNDECIDED) {
            // Rejected by someone other than this saga: no reason to believe anything needs undoing.
            status = FulfillmentStatus.FAILED;
        }
        cancelPaymentDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelledEvent event, DeadlineManager deadlineManager) {
        // Whatever stock or payment the order had is now the other contexts' to give back.
        status = FulfillmentStatus.COMPENSATING;
        cancelPaymentDeadline(deadlineManager);
    }

    private void decide(Decision outcome, Object command, FulfillmentStatus newStatus, CommandGateway commandGateway) {
        if (decision != Decision.UNDECIDED) {
            log.debug("Order {}: already decided to {}, ignoring {}", orderId, decision, command);
            return;
        }
        deliver(command, commandGateway);
        decision = outcome;
        status = newStatus;
    }

    /**
     * Tells the order what was decided and waits for the answer. A decision that could not be delivered (Axon
     * Server unreachable, the app stopping) fails the handling of the event or deadline that led to it, so it
     * is handled again later instead of being lost with the order left pending. The order refusing it
     * because it ended another way first (a confirmation arriving after a cancellation) is an answer, and the
     * order's own events end this saga.
     */
    private void deliver(Object command, CommandGateway commandGateway) {
        try {
            commandGateway.sendAndWait(command, DELIVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException failure) {
            CommandFailure refusal = CommandFailure.expected(failure, f -> f.thrownAs(OrderStateException.class));
            log.info("Order {}: {} not applied, the order has moved on: {}", orderId,
                     command.getClass().getSimpleName(), refusal.message());
        }
    }

    private void cancelPaymentDeadline(DeadlineManager deadlineManager) {
        if (paymentDeadlineId != null) {
            deadlineManager.cancelSchedule(PAYMENT_DEADLINE, paymentDeadlineId);
        }
    }

    private static String describe(List<Shortage> shortages) {
        if (shortages == null || shortages.isEmpty()) {
            return "no shortage reported";
        }
        return shortages.stream()
                        .map(s -> s.productId() + " (requested " + s.requested() + ", available " + s.available() + ")")
                        .collect(Collectors.joining(", "));
    }

    /** What this saga has told the order to do; it tells it once. */
    private enum Decision {
        UNDECIDED,
        CONFIRM,
        REJECT
    }
}
