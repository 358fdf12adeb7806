package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/**
 * The payment was not captured before its order's deadline and will never complete: a capture that the
 * provider still reports is recorded as {@link PaymentCapturedAfterExpiryEvent} and refunded.
 */
@Revision("1")
public record PaymentExpiredEvent(
        PaymentId paymentId,
        OrderId orderId,
        String reason) {}
