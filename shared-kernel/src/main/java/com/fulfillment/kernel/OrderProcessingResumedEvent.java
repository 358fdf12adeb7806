package com.fulfillment.kernel;

import org.axonframework.serialization.Revision;

/**
 * The dead letters of this order in a saga's or policy's processing group are gone: handled on an operator's
 * retry, or evicted by one (then {@code evicted} is true and the events were never handled there).
 */
@Revision("1")
public record OrderProcessingResumedEvent(
        OrderId orderId,
        String processingGroup,
        boolean evicted) {}
