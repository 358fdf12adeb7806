package com.fulfillment.kernel;

import org.axonframework.serialization.Revision;

/** A compensating command still failed after every retry: an operator must settle it by hand. */
@Revision("1")
public record CompensationFailedEvent(
        OrderId orderId,
        String context,
        String commandType,
        String commandPayload,
        String reason) {}
