package com.fulfillment.platform;

import com.fulfillment.kernel.OrderId;

/**
 * Sends the commands that undo part of an order (release or return stock, refund a payment) and the commit of
 * sold stock: commands that must never be lost. {@link #send} returns only once the command is handled, so
 * the saga or policy that sends one is not done with its event, and its token does not move past it, before
 * the command's own events are stored. A failure that may pass (an outage, a timeout, a concurrent change)
 * propagates, so the event processor handles the event again later and the command is sent again; the
 * aggregates treat a repeated compensation as done. A refusal that no retry can change is recorded as a
 * {@link com.fulfillment.kernel.CompensationFailedEvent} for an operator, and the sender carries on.
 */
public interface CompensationGateway {

    /** Sends {@code command} on behalf of {@code orderId} and waits until it is handled or refused for good. */
    void send(OrderId orderId, Object command);
}
