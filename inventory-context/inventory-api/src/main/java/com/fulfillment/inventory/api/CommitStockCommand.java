package com.fulfillment.inventory.api;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to turn an order's reservation of a product into a sale: the stock leaves the warehouse. */
public record CommitStockCommand(
        @TargetAggregateIdentifier ProductId productId,
        OrderId orderId) {}
