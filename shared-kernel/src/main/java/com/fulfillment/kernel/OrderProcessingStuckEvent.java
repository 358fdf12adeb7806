package com.fulfillment.kernel;

import org.axonframework.serialization.Revision;

/**
 * An event of this order could not be handled by a saga or policy even after retries: it and every later event
 * of the order for that processing group wait in its dead-letter queue for an operator; other orders go on.
 */
@Revision("1")
public record OrderProcessingStuckEvent(
        OrderId orderId,
        String processingGroup,
        String eventType,
        String eventId,
        String cause) {}
