package com.fulfillment.order.api;

import com.fulfillment.kernel.ProductId;

/** One line of an order: a product and how many of it. */
public record OrderLine(
        ProductId productId,
        int quantity) {}
