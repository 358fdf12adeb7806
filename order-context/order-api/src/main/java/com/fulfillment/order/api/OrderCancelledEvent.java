package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The customer cancelled an order; {@code previousStatus} tells whether it had been confirmed. */
@Revision("1")
public record OrderCancelledEvent(
        OrderId orderId,
        String reason,
        OrderStatus previousStatus,
        List<OrderLine> lines) {}
