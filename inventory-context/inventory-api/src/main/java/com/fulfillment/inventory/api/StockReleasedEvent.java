package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** An order's reservation of a product was released back to available stock. */
@Revision("1")
public record StockReleasedEvent(
        ProductId productId,
        OrderId orderId,
        int quantity) {}
