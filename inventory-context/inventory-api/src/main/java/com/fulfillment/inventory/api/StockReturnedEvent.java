package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** Stock sold to an order that was then cancelled was put back on hand. */
@Revision("1")
public record StockReturnedEvent(
        ProductId productId,
        OrderId orderId,
        int quantity) {}
