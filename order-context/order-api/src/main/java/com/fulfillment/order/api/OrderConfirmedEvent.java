package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** An order was confirmed: its stock is reserved and its payment completed. */
@Revision("1")
public record OrderConfirmedEvent(
        OrderId orderId) {}
