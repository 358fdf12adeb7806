package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/**
 * The provider captured the charge of a payment that had already expired (the call was in flight when the
 * order's deadline passed): the money was taken, but the order does not go through, so it is refunded.
 */
@Revision("1")
public record PaymentCapturedAfterExpiryEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        String providerReference) {}
