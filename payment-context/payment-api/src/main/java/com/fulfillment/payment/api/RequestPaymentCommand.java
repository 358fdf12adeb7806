package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to charge an order's total through the payment provider. */
public record RequestPaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        OrderId orderId,
        Money amount) {}
