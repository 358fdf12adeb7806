package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks, on the customer's behalf, to cancel an order that is pending or confirmed. */
public record CancelOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String reason) {}
