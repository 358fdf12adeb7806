package com.fulfillment.payment.api;

/** Lifecycle of a payment, from the request to the provider to its outcome and any refund. */
public enum PaymentStatus {
    REQUESTED,
    COMPLETED,
    DECLINED,
    FAILED,
    /** Not captured before the order's deadline; a capture that still arrives is refunded. */
    EXPIRED,
    REFUND_REQUESTED,
    REFUNDED
}
