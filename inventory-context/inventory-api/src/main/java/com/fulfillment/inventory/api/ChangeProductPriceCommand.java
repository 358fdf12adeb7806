package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to change a product's unit price for reservations made from now on. */
public record ChangeProductPriceCommand(
        @TargetAggregateIdentifier ProductId productId,
        Money newPrice) {}
