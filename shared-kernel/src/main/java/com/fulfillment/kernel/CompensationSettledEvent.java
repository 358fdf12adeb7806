package com.fulfillment.kernel;

import org.axonframework.serialization.Revision;

/**
 * An operator closed a failed compensation: it was sent again and went through, or was settled by hand.
 *
 * @param resolution what the operator did, in their words or as {@code retried}
 */
@Revision("1")
public record CompensationSettledEvent(
        String failureId,
        OrderId orderId,
        boolean retried,
        String resolution) {}
