package com.fulfillment.payment.policy;

import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.platform.CompensationGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps the rule "a customer who cancels a confirmed order gets the money back". A confirmed order was
 * paid in full and its {@code PaymentSaga} has ended, so nothing else is watching it any more. A pending
 * order's cancellation is left to the saga, which knows whether money was taken yet.
 */
@ProcessingGroup(RefundOnCancellationPolicy.PROCESSING_GROUP)
public class RefundOnCancellationPolicy {

    public static final String PROCESSING_GROUP = "payment-policies";

    @EventHandler
    public void on(OrderCancelledEvent event, CompensationGateway compensations) {
        if (event.previousStatus() != OrderStatus.CONFIRMED) {
            return;
        }
        compensations.send(event.orderId(),
                           new RefundPaymentCommand(PaymentId.forOrder(event.orderId()),
                                                    "order cancelled after confirmation: " + event.reason()));
    }
}
