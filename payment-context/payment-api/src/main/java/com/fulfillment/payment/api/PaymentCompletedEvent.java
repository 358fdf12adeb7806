package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** The provider captured the payment: the customer's money was taken. */
@Revision("1")
public record PaymentCompletedEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        String providerReference) {}
