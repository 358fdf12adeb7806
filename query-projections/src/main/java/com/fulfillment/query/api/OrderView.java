package com.fulfillment.query.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about one order, gathered from all three contexts: its lines and prices, stock,
 * payment, how its fulfillment stands, and a timeline of every event that concerned it.
 * {@code total} and {@code payment} are {@code null} until inventory priced the order and payment
 * was asked for. {@code stuck} lists the sagas and policies that parked one of its events for an operator.
 */
public record OrderView(
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        FulfillmentStatus fulfillmentStatus,
        ReservationStatus reservationStatus,
        List<OrderLineView> lines,
        Money total,
        PaymentView payment,
        String rejectionReason,
        String cancellationReason,
        List<ShortageView> shortages,
        List<CompensationFailureView> compensationFailures,
        List<StuckProcessingView> stuck,
        List<TimelineEntry> timeline,
        Instant createdAt,
        Instant updatedAt) {}
