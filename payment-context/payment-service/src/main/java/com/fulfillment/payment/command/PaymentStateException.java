package com.fulfillment.payment.command;

import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentStatus;

/**
 * A payment refused a command because of where it stands, not because the command was malformed.
 * Callers that only record what already happened (a redelivered provider outcome) may treat it as done.
 */
public class PaymentStateException extends IllegalStateException {

    private final PaymentId paymentId;
    private final PaymentStatus status;
    private final String refusedAction;

    public PaymentStateException(PaymentId paymentId, PaymentStatus status, String refusedAction, String why) {
        super("Cannot " + refusedAction + ": payment " + paymentId + " is " + status + ", " + why);
        this.paymentId = paymentId;
        this.status = status;
        this.refusedAction = refusedAction;
    }

    public PaymentId paymentId() {
        return paymentId;
    }

    public PaymentStatus status() {
        return status;
    }

    public String refusedAction() {
        return refusedAction;
    }
}
