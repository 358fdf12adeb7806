package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;

/** An order's status as the order context decided it, with the reason when it was rejected or cancelled. */
public record OrderStatusView(OrderId orderId, OrderStatus status, String reason) {

    public boolean hasEnded() {
        return status != OrderStatus.PENDING;
    }
}
