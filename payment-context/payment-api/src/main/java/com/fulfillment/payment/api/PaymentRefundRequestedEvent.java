package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** A refund of a captured payment was requested from the provider. */
@Revision("1")
public record PaymentRefundRequestedEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        String reason) {}
