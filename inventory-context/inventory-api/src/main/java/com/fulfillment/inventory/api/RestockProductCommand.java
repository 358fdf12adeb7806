package com.fulfillment.inventory.api;

import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to add the given quantity to a product's stock on hand. */
public record RestockProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        int quantity) {}
