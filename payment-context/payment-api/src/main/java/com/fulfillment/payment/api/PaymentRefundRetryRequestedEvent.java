package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/** A refund whose earlier attempts got no answer is asked of the provider again, as attempt {@code attempt}. */
@Revision("1")
public record PaymentRefundRetryRequestedEvent(
        PaymentId paymentId,
        OrderId orderId,
        Money amount,
        int attempt) {}
