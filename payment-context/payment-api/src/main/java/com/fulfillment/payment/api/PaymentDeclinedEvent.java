package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** The provider declined the payment. */
@Revision("1")
public record PaymentDeclinedEvent(
        PaymentId paymentId,
        OrderId orderId,
        String reason) {}
