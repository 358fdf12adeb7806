package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** A reservation for an order was refused because the product had too little available stock. */
@Revision("1")
public record StockReservationRefusedEvent(
        ProductId productId,
        OrderId orderId,
        int requested,
        int available) {}
