package com.fulfillment.order.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to cancel an order that is pending or confirmed. {@code requestedBy} is the customer who asks, who may
 * cancel only their own order; null when an operator or the system cancels.
 */
public record CancelOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String reason,
        CustomerId requestedBy) {

    /** A cancellation that is not limited to one customer's orders: an operator's or the system's. */
    public CancelOrderCommand(OrderId orderId, String reason) {
        this(orderId, reason, null);
    }
}
