package com.fulfillment.query.api;

/** Where the stock of one order line stands, as its product reported it. */
public enum LineStockStatus {
    PENDING,
    RESERVED,
    REFUSED,
    RELEASED,
    SOLD,
    RETURNED
}
