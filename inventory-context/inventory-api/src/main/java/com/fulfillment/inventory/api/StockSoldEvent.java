package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** An order's reservation of a product became a sale: the stock left the warehouse. */
@Revision("1")
public record StockSoldEvent(
        ProductId productId,
        OrderId orderId,
        int quantity) {}
