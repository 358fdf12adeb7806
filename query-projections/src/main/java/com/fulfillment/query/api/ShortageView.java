package com.fulfillment.query.api;

import com.fulfillment.kernel.ProductId;

/** A line inventory could not reserve: what the order asked for and what was available. */
public record ShortageView(
        ProductId productId,
        int requested,
        int available) {}
