package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the provider authorised and captured the charge. */
public record RecordPaymentCapturedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        String providerReference) {}
