package com.fulfillment.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the provider refused a requested refund for good (no such charge, already refunded, any other
 * 4xx): asking again would get the same answer, so the refund is left to an operator.
 */
public record RecordRefundRefusedCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        String reason) {}
