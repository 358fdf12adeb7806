package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;

/** Asks where an order's lifecycle stands; answered with an {@link OrderStatusView}, and updates as it moves. */
public record FindOrderStatusQuery(OrderId orderId) {
}
