package com.fulfillment.payment.provider;

import com.fulfillment.kernel.Money;
import com.fulfillment.payment.api.PaymentId;
import java.util.Objects;

/** Asks the provider to give back {@code amount} of the charge made under {@code paymentId}, the idempotency key. */
public record RefundRequest(PaymentId paymentId, Money amount) {

    public RefundRequest {
        Objects.requireNonNull(paymentId, "payment id must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
    }
}
