package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the provider declined the charge, with its reason. */
public record RecordPaymentDeclinedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        String reason) {}
