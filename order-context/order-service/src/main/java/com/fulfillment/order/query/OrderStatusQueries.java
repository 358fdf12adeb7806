package com.fulfillment.order.query;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.FindOrderStatusQuery;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.OrderStatusView;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Answers "where does this order stand" from the order's own event stream, so the answer is never behind
 * the command that was just accepted, and pushes each decision to subscribers. This is what lets a client
 * wait for an order's outcome; the denormalized order view lives in the query projections.
 */
@ProcessingGroup(OrderStatusQueries.PROCESSING_GROUP)
public class OrderStatusQueries {

    public static final String PROCESSING_GROUP = "order-status-updates";

    private final EventStore eventStore;

    public OrderStatusQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The order's current status, or null when no such order was placed. */
    @QueryHandler
    public OrderStatusView handle(FindOrderStatusQuery query) {
        return eventStore.readEvents(query.orderId().value()).asStream()
                         .map(event -> statusAfter(event.getPayload()))
                         .filter(Objects::nonNull)
                         .reduce((earlier, later) -> later)
                         .orElse(null);
    }

    @EventHandler
    public void on(OrderConfirmedEvent event, QueryUpdateEmitter emitter) {
        emit(event, emitter);
    }

    @EventHandler
    public void on(OrderRejectedEvent event, QueryUpdateEmitter emitter) {
        emit(event, emitter);
    }

    @EventHandler
    public void on(OrderCancelledEvent event, QueryUpdateEmitter emitter) {
        emit(event, emitter);
    }

    private static void emit(Object event, QueryUpdateEmitter emitter) {
        OrderStatusView update = statusAfter(event);
        OrderId orderId = update.orderId();
        emitter.emit(FindOrderStatusQuery.class, query -> query.orderId().equals(orderId), update);
    }

    private static OrderStatusView statusAfter(Object event) {
        if (event instanceof OrderPlacedEvent placed) {
            return new OrderStatusView(placed.orderId(), OrderStatus.PENDING, null);
        }
        if (event instanceof OrderConfirmedEvent confirmed) {
            return new OrderStatusView(confirmed.orderId(), OrderStatus.CONFIRMED, null);
        }
        if (event instanceof OrderRejectedEvent rejected) {
            return new OrderStatusView(rejected.orderId(), OrderStatus.REJECTED, rejected.reason());
        }
        if (event instanceof OrderCancelledEvent cancelled) {
            return new OrderStatusView(cancelled.orderId(), OrderStatus.CANCELLED, cancelled.reason());
        }
        return null;
    }
}
