package com.fulfillment.order.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to place a new order for a customer with the given lines. */
public record PlaceOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        CustomerId customerId,
        List<OrderLine> lines) {}
