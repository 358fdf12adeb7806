package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compensation: asks to put back on hand what a cancelled order had bought of a product. */
public record ReturnStockCommand(
        @TargetAggregateIdentifier ProductId productId,
        OrderId orderId) {}
