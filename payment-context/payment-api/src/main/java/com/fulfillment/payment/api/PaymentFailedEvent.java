package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** The payment could not be made, for a reason other than a decline. */
@Revision("1")
public record PaymentFailedEvent(
        PaymentId paymentId,
        OrderId orderId,
        String reason) {}
