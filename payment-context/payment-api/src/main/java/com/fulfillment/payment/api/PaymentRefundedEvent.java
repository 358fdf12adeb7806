package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** The provider refunded a captured payment in full. */
@Revision("1")
public record PaymentRefundedEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        String providerReference) {}
