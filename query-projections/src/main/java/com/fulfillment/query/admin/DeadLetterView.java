package com.fulfillment.query.admin;

import java.time.Instant;

/** One event a projection could not apply, and why, as an operator sees it. */
public record DeadLetterView(
        String eventId,
        String eventType,
        Instant occurredAt,
        Instant enqueuedAt,
        Instant lastTouched,
        String causeType,
        String causeMessage) {}
