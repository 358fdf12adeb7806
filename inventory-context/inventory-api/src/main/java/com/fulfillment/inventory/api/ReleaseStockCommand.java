package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compensation: asks to release whatever an order has reserved of a product. */
public record ReleaseStockCommand(
        @TargetAggregateIdentifier ProductId productId,
        OrderId orderId) {}
