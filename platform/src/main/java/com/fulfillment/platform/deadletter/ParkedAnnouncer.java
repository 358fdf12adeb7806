package com.fulfillment.platform.deadletter;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.OrderProcessingResumedEvent;
import com.fulfillment.kernel.OrderProcessingStuckEvent;
import com.fulfillment.platform.PayloadPropertySequencingPolicy;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the order's story when one of its events is parked, and when its dead letters are gone, as events, so
 * that the order view shows the order stuck. Published in the unit of work that parks, the stuck event is
 * stored with the dead letter and the processor's progress.
 */
final class ParkedAnnouncer {

    /** Sagas and policies keep their rules per order: an order's events are one dead-letter sequence. */
    static final PayloadPropertySequencingPolicy BY_ORDER = new PayloadPropertySequencingPolicy("orderId");

    private static final Logger log = LoggerFactory.getLogger(ParkedAnnouncer.class);

    private final String processingGroup;
    private final EventGateway events;

    ParkedAnnouncer(String processingGroup, EventGateway events) {
        this.processingGroup = processingGroup;
        this.events = events;
    }

    void stuck(EventMessage<?> event, Throwable cause) {
        String type = event.getPayloadType().getSimpleName();
        log.error("{} parked {} {} for order {} after its last retry; it needs an operator: {}", processingGroup,
                  type, event.getIdentifier(), orderOf(event), String.valueOf(cause));
        BY_ORDER.propertyOf(event.getPayload()).ifPresent(order -> events.publish(new OrderProcessingStuckEvent(
                OrderId.of(order.toString()), processingGroup, type, event.getIdentifier(), String.valueOf(cause))));
    }

    void resumed(Object sequenceId, boolean evicted) {
        events.publish(new OrderProcessingResumedEvent(OrderId.of(sequenceId.toString()), processingGroup, evicted));
    }

    static Object orderOf(EventMessage<?> event) {
        return BY_ORDER.getSequenceIdentifierFor(event);
    }
}
