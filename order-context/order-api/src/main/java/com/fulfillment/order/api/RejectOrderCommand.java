package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to reject a pending order for the given reason. */
public record RejectOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        String reason) {}
