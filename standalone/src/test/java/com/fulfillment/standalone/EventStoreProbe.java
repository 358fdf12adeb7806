package com.fulfillment.standalone;

import static org.awaitility.Awaitility.await;

import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Reads what the system did straight from the event store, independently of any read model. */
record EventStoreProbe(EventStore eventStore) {

    List<? extends DomainEventMessage<?>> streamOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().toList();
    }

    List<Object> payloadsOf(String aggregateId) {
        return streamOf(aggregateId).stream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    OrderStatus orderStatus(String orderId) {
        OrderStatus status = null;
        for (Object event : payloadsOf(orderId)) {
            if (event instanceof OrderPlacedEvent) {
                status = OrderStatus.PENDING;
            } else if (event instanceof OrderConfirmedEvent) {
                status = OrderStatus.CONFIRMED;
            } else if (event instanceof OrderRejectedEvent) {
                status = OrderStatus.REJECTED;
            } else if (event instanceof OrderCancelledEvent) {
                status = OrderStatus.CANCELLED;
            }
        }
        return status;
    }

    void awaitOrderStatus(String orderId, OrderStatus expected) {
        // Generous for a busy build machine; it returns as soon as the status is reached.
        await().atMost(Duration.ofSeconds(60)).until(() -> orderStatus(orderId) == expected);
    }

    <T> T last(String aggregateId, Class<T> type) {
        return payloadsOf(aggregateId).stream().filter(type::isInstance).map(type::cast)
                                      .reduce((first, second) -> second)
                                      .orElseThrow(() -> new AssertionError(
                                              "no " + type.getSimpleName() + " stored for " + aggregateId + " yet"));
    }

    long count(String aggregateId, Class<?> type) {
        return payloadsOf(aggregateId).stream().filter(type::isInstance).count();
    }

    /** Every event of every kind, in storage order. */
    List<TrackedEventMessage<?>> all() {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            java.util.ArrayList<TrackedEventMessage<?>> events = new java.util.ArrayList<>();
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
