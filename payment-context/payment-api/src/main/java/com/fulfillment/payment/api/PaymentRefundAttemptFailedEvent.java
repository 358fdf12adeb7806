package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/**
 * An attempt at a requested refund got no answer from the provider; the refund stays requested and is asked
 * again under the same idempotency key after {@code retryDelayMillis}, for as long as it takes.
 */
@Revision("1")
public record PaymentRefundAttemptFailedEvent(
        PaymentId paymentId,
        OrderId orderId,
        int attempt,
        String reason,
        String circuitState,
        long retryDelayMillis) {}
