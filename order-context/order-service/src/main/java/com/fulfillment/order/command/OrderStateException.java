package com.fulfillment.order.command;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;

/**
 * A command asked for a transition the order's lifecycle does not allow, such as cancelling a rejected
 * order. It is a conflict with the order's current state, not bad input, so the REST layer can answer
 * 409 and show the message as it is.
 */
public class OrderStateException extends IllegalStateException {

    // OrderId is not Serializable; the message already names the order for whoever deserializes this.
    private final transient OrderId orderId;
    private final OrderStatus status;

    public OrderStateException(OrderId orderId, OrderStatus status, String refusedTransition) {
        super("order " + orderId + " is " + status + " and can no longer be " + refusedTransition);
        this.orderId = orderId;
        this.status = status;
    }

    public OrderId orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }
}
