package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import org.axonframework.serialization.Revision;

/**
 * An attempt at charging the payment got no answer from the provider; the payment stays requested and the
 * charge is tried again under the same idempotency key after {@code retryDelayMillis}.
 */
@Revision("1")
public record PaymentAttemptFailedEvent(
        PaymentId paymentId,
        OrderId orderId,
        int attempt,
        String reason,
        String circuitState,
        long retryDelayMillis) {}
