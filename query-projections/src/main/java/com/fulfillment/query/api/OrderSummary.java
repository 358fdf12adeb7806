package com.fulfillment.query.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import java.time.Instant;

/** One order as a list shows it; {@code total} is {@code null} until the order is priced. */
public record OrderSummary(
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        FulfillmentStatus fulfillmentStatus,
        Money total,
        Instant createdAt,
        Instant updatedAt) {}
