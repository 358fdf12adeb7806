package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the charge could not be made (provider error, unreachable), with the reason. */
public record RecordPaymentFailedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        String reason) {}
