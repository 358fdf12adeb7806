package com.fulfillment.payment.provider.http;

import java.math.BigDecimal;

/** A charge as the provider's API shows it; {@code status} is CAPTURED or DECLINED. */
public record ProviderCharge(
        String chargeId,
        String idempotencyKey,
        String orderId,
        BigDecimal amount,
        String currency,
        String status,
        String declineReason) {

    static final String CAPTURED = "CAPTURED";

    boolean isCaptured() {
        return CAPTURED.equals(status);
    }
}
