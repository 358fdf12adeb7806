package com.fulfillment.query;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.payment.api.PaymentId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Builds event messages the way the write side produces them: aggregates' events with their aggregate
 * type, id and next sequence number, saga-published events without any, each a millisecond after the
 * one before (the read models store time to the millisecond).
 */
public final class EventStream {

    private final Map<String, Long> nextSequence = new HashMap<>();
    private Instant clock;

    public EventStream(Instant start) {
        this.clock = start;
    }

    public EventStream() {
        this(Instant.parse("2025-03-01T09:00:00Z"));
    }

    public DomainEventMessage<?> fromOrder(OrderId orderId, Object payload) {
        return fromAggregate("Order", orderId.value(), payload);
    }

    public DomainEventMessage<?> fromProduct(ProductId productId, Object payload) {
        return fromAggregate("Product", productId.value(), payload);
    }

    public DomainEventMessage<?> fromPayment(OrderId orderId, Object payload) {
        return fromAggregate("Payment", PaymentId.forOrder(orderId).value(), payload);
    }

    /** An event a saga published through the event gateway: no aggregate, no sequence number. */
    public EventMessage<?> fromSaga(Object payload) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, MetaData.emptyInstance(), tick());
    }

    /** The same saga-published event as an event store hands it back: a "domain" event of no aggregate type. */
    public static DomainEventMessage<?> asStored(EventMessage<?> sagaEvent) {
        return new GenericDomainEventMessage<>(null, sagaEvent.getIdentifier(), 0L, sagaEvent.getPayload(),
                                               sagaEvent.getMetaData(), sagaEvent.getIdentifier(),
                                               sagaEvent.getTimestamp());
    }

    public Instant now() {
        return clock;
    }

    public void elapse(Duration duration) {
        clock = clock.plus(duration);
    }

    private DomainEventMessage<?> fromAggregate(String type, String aggregateId, Object payload) {
        long sequence = nextSequence.merge(type + "/" + aggregateId, 1L, Long::sum) - 1;
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, MetaData.emptyInstance(),
                                               UUID.randomUUID().toString(), tick());
    }

    private Instant tick() {
        clock = clock.plusMillis(1);
        return clock;
    }
}
