package com.fulfillment.inventory.api;

import com.fulfillment.kernel.ProductId;

/** A line that could not be reserved: what was requested and what was available. */
public record Shortage(
        ProductId productId,
        int requested,
        int available) {}
