package com.fulfillment.payment;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.ExpirePaymentCommand;
import com.fulfillment.payment.api.PaymentAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentCapturedAfterExpiryEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundRetryRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.PaymentRetryRequestedEvent;
import com.fulfillment.payment.api.RecordPaymentAttemptFailedCommand;
import com.fulfillment.payment.api.RecordPaymentCapturedCommand;
import com.fulfillment.payment.api.RecordPaymentDeclinedCommand;
import com.fulfillment.payment.api.RecordPaymentFailedCommand;
import com.fulfillment.payment.api.RecordPaymentRefundedCommand;
import com.fulfillment.payment.api.RecordRefundAttemptFailedCommand;
import com.fulfillment.payment.api.RecordRefundRefusedCommand;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.payment.api.RequestPaymentCommand;
import com.fulfillment.platform.CompensationFailures;
import org.axonframework.serialization.json.JacksonSerializer;

/** Object mother for the payment of one order: its commands and events, with consistent values. */
public final class Payments {

    public static final OrderId ORDER_ID = Orders.ORDER_ID;
    public static final PaymentId PAYMENT_ID = PaymentId.forOrder(ORDER_ID);
    public static final Money AMOUNT = Orders.TOTAL;
    public static final String CHARGE_REFERENCE = "charge-1";
    public static final String REFUND_REFERENCE = "refund-2";
    public static final String DECLINE_REASON = "insufficient funds";
    public static final String FAILURE_REASON = "provider unreachable";
    public static final String REFUND_REASON = "order cancelled: changed my mind";
    public static final String NO_ANSWER = "provider answered 503: the provider is down";
    public static final String CIRCUIT_STATE = "CLOSED";
    public static final String EXPIRY_REASON = "not completed within PT30S";
    public static final String REFUSAL = "provider refused the refund with 404: no captured charge under payment-order-1";

    private Payments() {
    }

    public static RequestPaymentCommand requestPayment() {
        return new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, AMOUNT);
    }

    public static RequestPaymentCommand requestPayment(Money amount) {
        return new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, amount);
    }

    public static RecordPaymentCapturedCommand recordCapture() {
        return new RecordPaymentCapturedCommand(PAYMENT_ID, CHARGE_REFERENCE);
    }

    public static RecordPaymentDeclinedCommand recordDecline() {
        return new RecordPaymentDeclinedCommand(PAYMENT_ID, DECLINE_REASON);
    }

    public static RecordPaymentFailedCommand recordFailure() {
        return new RecordPaymentFailedCommand(PAYMENT_ID, FAILURE_REASON);
    }

    public static RecordPaymentAttemptFailedCommand recordAttemptFailed(int attempt) {
        return new RecordPaymentAttemptFailedCommand(PAYMENT_ID, attempt, NO_ANSWER, CIRCUIT_STATE);
    }

    public static RefundPaymentCommand refundPayment() {
        return new RefundPaymentCommand(PAYMENT_ID, REFUND_REASON);
    }

    public static RecordRefundAttemptFailedCommand recordRefundAttemptFailed(int attempt) {
        return new RecordRefundAttemptFailedCommand(PAYMENT_ID, attempt, NO_ANSWER, CIRCUIT_STATE);
    }

    public static RecordPaymentRefundedCommand recordRefund() {
        return new RecordPaymentRefundedCommand(PAYMENT_ID, REFUND_REFERENCE);
    }

    public static ExpirePaymentCommand expirePayment() {
        return new ExpirePaymentCommand(PAYMENT_ID, ORDER_ID, EXPIRY_REASON);
    }

    public static PaymentExpiredEvent paymentExpired() {
        return new PaymentExpiredEvent(PAYMENT_ID, ORDER_ID, EXPIRY_REASON);
    }

    public static PaymentCapturedAfterExpiryEvent capturedAfterExpiry() {
        return new PaymentCapturedAfterExpiryEvent(PAYMENT_ID, ORDER_ID, AMOUNT, CHARGE_REFERENCE);
    }

    public static PaymentRequestedEvent paymentRequested() {
        return new PaymentRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT);
    }

    public static PaymentCompletedEvent paymentCompleted() {
        return new PaymentCompletedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, CHARGE_REFERENCE);
    }

    public static PaymentDeclinedEvent paymentDeclined() {
        return new PaymentDeclinedEvent(PAYMENT_ID, ORDER_ID, DECLINE_REASON);
    }

    public static PaymentFailedEvent paymentFailed() {
        return new PaymentFailedEvent(PAYMENT_ID, ORDER_ID, FAILURE_REASON);
    }

    public static PaymentAttemptFailedEvent attemptFailed(int attempt, long retryDelayMillis) {
        return new PaymentAttemptFailedEvent(PAYMENT_ID, ORDER_ID, attempt, NO_ANSWER, CIRCUIT_STATE, retryDelayMillis);
    }

    public static PaymentRetryRequestedEvent retryRequested(int attempt) {
        return new PaymentRetryRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, attempt);
    }

    public static PaymentRefundRequestedEvent refundRequested() {
        return refundRequested(REFUND_REASON);
    }

    public static PaymentRefundRequestedEvent refundRequested(String reason) {
        return new PaymentRefundRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, reason);
    }

    public static PaymentRefundAttemptFailedEvent refundAttemptFailed(int attempt, long retryDelayMillis) {
        return new PaymentRefundAttemptFailedEvent(PAYMENT_ID, ORDER_ID, attempt, NO_ANSWER, CIRCUIT_STATE,
                                                   retryDelayMillis);
    }

    public static PaymentRefundRetryRequestedEvent refundRetryRequested(int attempt) {
        return new PaymentRefundRetryRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, attempt);
    }

    public static RecordRefundRefusedCommand recordRefundRefused() {
        return new RecordRefundRefusedCommand(PAYMENT_ID, REFUSAL);
    }

    /** How failed compensations are written down, with the serializer of the standalone app and the services. */
    public static final CompensationFailures COMPENSATION_FAILURES =
            new CompensationFailures(JacksonSerializer.defaultSerializer());

    /** How the payment records a refund the provider refused for good: as a compensation that failed. */
    public static CompensationFailedEvent refundRefused() {
        return refundRefused(REFUND_REASON, 1);
    }

    /** The {@code occurrence}-th refusal, of a refund requested for {@code reason}. */
    public static CompensationFailedEvent refundRefused(String reason, int occurrence) {
        return COMPENSATION_FAILURES.failed(ORDER_ID, new RefundPaymentCommand(PAYMENT_ID, reason),
                                            "the provider refused the refund: " + REFUSAL, occurrence);
    }

    public static PaymentRefundedEvent paymentRefunded() {
        return new PaymentRefundedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, REFUND_REFERENCE);
    }
}
