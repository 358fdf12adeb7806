package com.fulfillment.payment.api;

/** Lifecycle of a payment, from the request to the provider to its outcome and any refund. */
public enum PaymentStatus {
    REQUESTED,
    COMPLETED,
    DECLINED,
    FAILED,
    REFUND_REQUESTED,
    REFUNDED
}
