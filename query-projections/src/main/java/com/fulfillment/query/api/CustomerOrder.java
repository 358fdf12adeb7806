package com.fulfillment.query.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderStatus;
import java.time.Instant;

/**
 * One order in a customer's history; {@code total} is {@code null} until priced, {@code paid} is what
 * the customer was charged and not refunded ({@code null} while nothing was captured).
 */
public record CustomerOrder(
        OrderId orderId,
        Instant placedAt,
        OrderStatus status,
        Money total,
        Money paid) {}
