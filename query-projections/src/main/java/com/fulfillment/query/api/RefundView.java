package com.fulfillment.query.api;

import com.fulfillment.kernel.Money;
import java.time.Instant;

/** One refund of an order's payment: asked for, and settled once the provider confirms it. */
public record RefundView(
        Money amount,
        String reason,
        RefundStatus status,
        String providerReference,
        Instant requestedAt,
        Instant refundedAt) {}
