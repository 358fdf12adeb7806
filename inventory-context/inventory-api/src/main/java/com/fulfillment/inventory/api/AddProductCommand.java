package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to add a product to the catalogue with its name, unit price and initial stock. */
public record AddProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        String name,
        Money unitPrice,
        int initialStock) {}
