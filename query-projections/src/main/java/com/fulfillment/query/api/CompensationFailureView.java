package com.fulfillment.query.api;

import java.time.Instant;

/** A compensating command that still failed after every retry: an operator has to settle it by hand. */
public record CompensationFailureView(
        String context,
        String commandType,
        String reason,
        Instant occurredAt) {}
