package com.fulfillment.query.api;

import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a client following an order live is told each time one of its statuses changes; {@code cause}
 * names the event that changed it.
 */
public record OrderStatusChange(
        OrderId orderId,
        OrderStatus status,
        FulfillmentStatus fulfillmentStatus,
        ReservationStatus reservationStatus,
        PaymentStatus paymentStatus,
        String cause,
        Instant at) {

    public static OrderStatusChange of(OrderView order) {
        List<TimelineEntry> timeline = order.timeline();
        String cause = timeline.isEmpty() ? null : timeline.get(timeline.size() - 1).type();
        PaymentStatus paymentStatus = order.payment() == null ? null : order.payment().status();
        return new OrderStatusChange(order.orderId(), order.status(), order.fulfillmentStatus(),
                                     order.reservationStatus(), paymentStatus, cause, order.updatedAt());
    }

    /** Whether this change says something new compared to the previous one: the cause and time alone do not. */
    public boolean differsInStatusFrom(OrderStatusChange previous) {
        return previous == null
               || status != previous.status
               || fulfillmentStatus != previous.fulfillmentStatus
               || reservationStatus != previous.reservationStatus
               || paymentStatus != previous.paymentStatus;
    }
}
