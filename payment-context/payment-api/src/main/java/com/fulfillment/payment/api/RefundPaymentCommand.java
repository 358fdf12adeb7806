package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compensation: asks to refund the captured amount of a payment. */
public record RefundPaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        String reason) {}
