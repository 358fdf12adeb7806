package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;

/** An order line as reserved: product, quantity, unit price and line total. */
public record PricedLine(
        ProductId productId,
        int quantity,
        Money unitPrice,
        Money lineTotal) {}
