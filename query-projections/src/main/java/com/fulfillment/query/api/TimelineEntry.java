package com.fulfillment.query.api;

import java.time.Instant;

/** One event of an order's history: what happened ({@code type}), in which context, when, in a few words. */
public record TimelineEntry(
        String eventId,
        String type,
        String context,
        Instant occurredAt,
        String detail) {}
