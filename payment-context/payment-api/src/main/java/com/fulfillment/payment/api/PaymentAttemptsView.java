package com.fulfillment.payment.api;

import com.fulfillment.kernel.Money;
import java.time.Instant;
import java.util.List;

/**
 * An order's payment as the provider saw it: its status, how many times the charge was asked, the last
 * error, the circuit breaker state when it happened and now, and when the next attempt is due.
 *
 * @param circuitStateSeen    the provider client's circuit state when the last attempt failed, null if none did
 * @param currentCircuitState the circuit state now, null when the provider has no circuit breaker
 * @param nextAttemptAt       when a payment waiting for its retry tries again, null otherwise
 */
public record PaymentAttemptsView(
        String orderId,
        String paymentId,
        PaymentStatus status,
        Money amount,
        int attempts,
        String lastError,
        String circuitStateSeen,
        Instant nextAttemptAt,
        String providerReference,
        String currentCircuitState,
        List<Attempt> history) {

    /** One charge attempt: when it was asked, and what came of it (PENDING while none is known). */
    public record Attempt(int attempt, Instant requestedAt, String outcome, String error, String circuitState) {}
}
