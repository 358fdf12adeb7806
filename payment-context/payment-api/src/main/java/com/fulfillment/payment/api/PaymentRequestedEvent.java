package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** A payment of an order's total was requested from the provider. */
@Revision("1")
public record PaymentRequestedEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount) {}
