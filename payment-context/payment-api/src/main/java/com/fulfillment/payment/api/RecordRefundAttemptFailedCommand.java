package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that one attempt at a requested refund got no answer from the provider, so it is to be asked
 * again; {@code circuitState} is what the provider client's circuit breaker showed, or null where it has none.
 */
public record RecordRefundAttemptFailedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        int attempt,
        String reason,
        String circuitState) {}
