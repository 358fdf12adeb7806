package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** A quantity of a product was reserved for an order at the product's current unit price. */
@Revision("1")
public record StockReservedEvent(
        ProductId productId,
        OrderId orderId,
        int quantity,
        Money unitPrice) {}
