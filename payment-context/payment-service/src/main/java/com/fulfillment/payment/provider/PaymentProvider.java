package com.fulfillment.payment.provider;

/**
 * The external payment provider, as the payment context needs it: take an order's money, give it back.
 * Both calls are idempotent by payment id, so a redelivered request never charges or refunds twice.
 * An implementation reports what the provider said as a result; it throws only when it cannot tell
 * (the caller then retries with the same key).
 */
public interface PaymentProvider {

    ChargeResult charge(ChargeRequest request);

    RefundResult refund(RefundRequest request);
}
