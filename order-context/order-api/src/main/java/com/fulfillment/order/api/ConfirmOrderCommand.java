package com.fulfillment.order.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to confirm a pending order once its stock is reserved and its payment completed. */
public record ConfirmOrderCommand(
        @TargetAggregateIdentifier OrderId orderId) {}
