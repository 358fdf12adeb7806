package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that one attempt at the charge got no answer from the provider (unreachable, too slow, a server
 * error, or its circuit open), so whether money was taken is still open and the charge is to be tried again;
 * {@code circuitState} is what the provider client's circuit breaker showed, or null where it has none.
 */
public record RecordPaymentAttemptFailedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        int attempt,
        String reason,
        String circuitState) {}
