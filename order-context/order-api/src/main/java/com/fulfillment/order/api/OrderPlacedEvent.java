package com.fulfillment.order.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A customer placed an order; it is pending until stock and payment are settled. */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        CustomerId customerId,
        List<OrderLine> lines) {}
