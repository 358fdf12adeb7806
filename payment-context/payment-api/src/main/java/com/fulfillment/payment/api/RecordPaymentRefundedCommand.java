package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the provider refunded the captured amount. */
public record RecordPaymentRefundedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        String providerReference) {}
