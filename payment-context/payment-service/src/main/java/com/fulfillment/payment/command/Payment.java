package com.fulfillment.payment.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.payment.api.RecordPaymentCapturedCommand;
import com.fulfillment.payment.api.RecordPaymentDeclinedCommand;
import com.fulfillment.payment.api.RecordPaymentFailedCommand;
import com.fulfillment.payment.api.RecordPaymentRefundedCommand;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.payment.api.RequestPaymentCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * The payment of one order. It is requested, then the provider's outcome is recorded (captured,
 * declined or failed); only captured money can be refunded, once and in full.
 */
public class Payment {

    @AggregateIdentifier
    private PaymentId paymentId;
    private OrderId orderId;
    private Money amount;
    private PaymentStatus status;

    protected Payment() {
        // Axon rebuilds the aggregate from its events through this constructor.
    }

    @CommandHandler
    public Payment(RequestPaymentCommand command) {
        if (command.orderId() == null) {
            throw new IllegalArgumentException("Payment " + command.paymentId() + " needs the order it pays for");
        }
        // The id is derived from the order so that one order can never have two payments, and a refund
        // can be addressed by order alone.
        PaymentId expected = PaymentId.forOrder(command.orderId());
        if (!expected.equals(command.paymentId())) {
            throw new IllegalArgumentException("Payment id " + command.paymentId() + " does not belong to order "
                                               + command.orderId() + ", expected " + expected);
        }
        if (command.amount() == null || !command.amount().isPositive()) {
            throw new IllegalArgumentException("Payment " + command.paymentId()
                                               + " must be for a positive amount, was " + command.amount());
        }
        apply(new PaymentRequestedEvent(command.paymentId(), command.orderId(), command.amount()));
    }

    @CommandHandler
    public void handle(RecordPaymentCapturedCommand command) {
        requireText(command.providerReference(), "a captured payment needs the provider's reference");
        requireAwaitingOutcome("record a capture");
        apply(new PaymentCompletedEvent(paymentId, orderId, amount, command.providerReference()));
    }

    @CommandHandler
    public void handle(RecordPaymentDeclinedCommand command) {
        requireText(command.reason(), "a declined payment needs the provider's reason");
        requireAwaitingOutcome("record a decline");
        apply(new PaymentDeclinedEvent(paymentId, orderId, command.reason()));
    }

    @CommandHandler
    public void handle(RecordPaymentFailedCommand command) {
        requireText(command.reason(), "a failed payment needs a reason");
        requireAwaitingOutcome("record a failure");
        apply(new PaymentFailedEvent(paymentId, orderId, command.reason()));
    }

    @CommandHandler
    public void handle(RefundPaymentCommand command) {
        requireText(command.reason(), "a refund needs a reason");
        if (refundAlreadyRequested()) {
            throw new PaymentStateException(paymentId, status, "refund", "a refund was already requested");
        }
        if (!isCaptured()) {
            throw new PaymentStateException(paymentId, status, "refund", "no money was captured");
        }
        apply(new PaymentRefundRequestedEvent(paymentId, orderId, amount, command.reason()));
    }

    @CommandHandler
    public void handle(RecordPaymentRefundedCommand command) {
        requireText(command.providerReference(), "a refunded payment needs the provider's reference");
        if (status != PaymentStatus.REFUND_REQUESTED) {
            throw new PaymentStateException(paymentId, status, "record a refund", "no refund is awaited");
        }
        apply(new PaymentRefundedEvent(paymentId, orderId, amount, command.providerReference()));
    }

    private void requireAwaitingOutcome(String action) {
        if (status != PaymentStatus.REQUESTED) {
            throw new PaymentStateException(paymentId, status, action, "its outcome is already known");
        }
    }

    private boolean isCaptured() {
        return status == PaymentStatus.COMPLETED;
    }

    private boolean refundAlreadyRequested() {
        return status == PaymentStatus.REFUND_REQUESTED || status == PaymentStatus.REFUNDED;
    }

    private static void requireText(String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
    }

    @EventSourcingHandler
    void on(PaymentRequestedEvent event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        amount = event.amount();
        status = PaymentStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentCompletedEvent event) {
        status = PaymentStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(PaymentDeclinedEvent event) {
        status = PaymentStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        status = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentRefundRequestedEvent event) {
        status = PaymentStatus.REFUND_REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        status = PaymentStatus.REFUNDED;
    }
}
