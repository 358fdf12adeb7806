package com.fulfillment.query.api;

/** A refund is asked of the provider first and settled when the provider confirms it. */
public enum RefundStatus {
    REQUESTED,
    REFUNDED
}
