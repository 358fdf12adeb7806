package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to reserve a quantity of a product for an order. */
public record ReserveStockCommand(
        @TargetAggregateIdentifier ProductId productId,
        OrderId orderId,
        int quantity) {}
