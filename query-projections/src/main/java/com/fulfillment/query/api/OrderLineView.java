package com.fulfillment.query.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;

/** One line of an order; prices are {@code null} until inventory has priced the line by reserving it. */
public record OrderLineView(
        ProductId productId,
        int quantity,
        Money unitPrice,
        Money lineTotal,
        LineStockStatus stockStatus,
        Integer availableWhenRefused) {}
