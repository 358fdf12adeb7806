package com.fulfillment.order.api;

/** Limits every order obeys; the REST layer validates against the same numbers the aggregate enforces. */
public final class OrderLimits {

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY_PER_LINE = 1000;

    private OrderLimits() {
    }
}
