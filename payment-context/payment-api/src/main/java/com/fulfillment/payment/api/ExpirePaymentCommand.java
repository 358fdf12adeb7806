package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the payment of an order to expire because the order's payment deadline passed. The payment answers
 * with the {@link PaymentStatus} it holds afterwards: {@code EXPIRED} if it recorded the expiry (also when no
 * payment had been requested yet), otherwise the outcome it had already recorded, such as {@code COMPLETED}.
 */
public record ExpirePaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        OrderId orderId,
        String reason) {}
