package com.fulfillment.query.api;

import java.time.Instant;

/**
 * A saga or policy parked one of the order's events (and parks the later ones) after its retries: that part of
 * the order waits for an operator (see the dead-letter admin endpoints).
 */
public record StuckProcessingView(
        String processingGroup,
        String eventType,
        String eventId,
        String cause,
        Instant since) {}
