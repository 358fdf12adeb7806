package com.fulfillment.payment.provider;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import java.util.Objects;

/** Asks the provider to take {@code amount} for an order; {@code paymentId} is the idempotency key. */
public record ChargeRequest(PaymentId paymentId, OrderId orderId, Money amount) {

    public ChargeRequest {
        Objects.requireNonNull(paymentId, "payment id must not be null");
        Objects.requireNonNull(orderId, "order id must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
    }
}
