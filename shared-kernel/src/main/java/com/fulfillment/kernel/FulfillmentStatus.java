package com.fulfillment.kernel;

/**
 * Where a context's part of an order's fulfillment stands: still running, done, undoing what it
 * did, or ended without the order going through.
 */
public enum FulfillmentStatus {
    PENDING,
    COMPLETED,
    COMPENSATING,
    FAILED
}
