package com.fulfillment.query.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.payment.api.PaymentStatus;
import java.util.List;

/** An order's payment: how much was asked, captured and refunded, and why it did not go through if it did not. */
public record PaymentView(
        PaymentStatus status,
        Money amount,
        Money captured,
        Money refunded,
        String providerReference,
        String failureReason,
        List<RefundView> refunds) {}
