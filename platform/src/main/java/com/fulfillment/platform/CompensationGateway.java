package com.fulfillment.platform;

import com.fulfillment.kernel.OrderId;

/**
 * Sends the commands that undo part of an order (release stock, refund a payment). Unlike an ordinary
 * command, a compensation must not be lost: a failed one is retried with backoff, and one that still
 * fails is logged at ERROR, counted and recorded as a {@link com.fulfillment.kernel.CompensationFailedEvent}.
 */
public interface CompensationGateway {

    /** Sends {@code command} on behalf of {@code orderId}; returns at once, retries in the background. */
    void send(OrderId orderId, Object command);
}
