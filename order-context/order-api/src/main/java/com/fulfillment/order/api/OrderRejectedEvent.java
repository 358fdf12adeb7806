package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** A pending order was rejected for the given reason. */
@Revision("1")
public record OrderRejectedEvent(
        OrderId orderId,
        String reason) {}
