package com.fulfillment.payment.processor;

import com.fulfillment.payment.api.PaymentId;

/**
 * The provider did not refund a payment. Thrown out of the event handler so that the refund request is
 * redelivered and tried again, instead of the customer's money being silently kept.
 */
public class RefundFailedException extends RuntimeException {

    public RefundFailedException(PaymentId paymentId, String reason) {
        super("The provider did not refund payment " + paymentId + ": " + reason);
    }
}
