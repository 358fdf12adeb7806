package com.fulfillment.payment.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import com.fulfillment.payment.api.PaymentStatus;
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
import java.time.Duration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The payment of one order. It is requested, then the provider's outcome is recorded (captured,
 * declined or failed); only captured money can be refunded, once and in full.
 *
 * <p>An attempt that gets no answer from the provider (unreachable, too slow, a server error, its circuit
 * open) decides nothing: whether money was taken is unknown. The payment stays requested and schedules
 * the next attempt under the same idempotency key, with a growing wait ({@link PaymentRetryPolicy}), so a
 * provider outage neither fails the payment at once nor charges twice. The order's payment deadline is
 * what normally gives up; the policy's last attempt fails the payment only so that retries end. A refund
 * that gets no answer is retried the same way, but never given up: money owed back must reach the customer.
 * A refund the provider refuses for good is recorded once as a {@link CompensationFailedEvent} for an
 * operator, who may ask for the refund again once whatever stood in the way is settled.
 *
 * <p>The payment is the one authority on whether an order was paid in time. The order's deadline asks it to
 * expire ({@link ExpirePaymentCommand}); it records the expiry only while no outcome is known, and otherwise
 * answers with the outcome it has. Capture and expiry are decided one after the other on this aggregate, so
 * they can never both stand: a capture the provider reports after the expiry (its call was in flight) is
 * recorded as money to give back and its refund is requested at once.
 */
public class Payment {

    /** The deadline after which a charge that got no answer is tried again. */
    public static final String RETRY_DEADLINE = "payment-retry";
    /** The deadline after which a refund that got no answer is tried again. */
    public static final String REFUND_RETRY_DEADLINE = "payment-refund-retry";

    @AggregateIdentifier
    private PaymentId paymentId;
    private OrderId orderId;
    private Money amount;
    private PaymentStatus status;
    /** Number of the charge attempt asked of the provider last, 1 for the first. */
    private int attempt;
    /** The last attempt got no answer and the next one waits for its deadline. */
    private boolean retryScheduled;
    /** Number of the refund attempt asked of the provider last, once a refund is requested. */
    private int refundAttempt;
    private boolean refundRetryScheduled;
    /** Why the payment expired, once it has. */
    private String expiryReason;
    /** Why the last refund was requested. */
    private String refundReason;
    /** The provider refused the requested refund for good; only a new request asks it again. */
    private boolean refundRefused;
    /** How many refusals of a refund were recorded, so that each is a failure of its own to settle. */
    private int refundRefusals;

    protected Payment() {
        // Axon rebuilds the aggregate from its events through this constructor.
    }

    /**
     * Requests the payment, once. A payment that is already there was requested before (a request sent again
     * after a crash) or expired before its request arrived (the order's deadline passed first): either way
     * there is nothing more to ask the provider. Decided here, on the payment's own events, rather than by a
     * creation that fails on the duplicate: in the standalone app a saga's command is stored with the saga's
     * whole batch, so the duplicate would only show when that batch commits, outside any handler, and the
     * batch would fail again at every retry.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RequestPaymentCommand command) {
        requireIdOfOrder(command.paymentId(), command.orderId());
        if (command.amount() == null || !command.amount().isPositive()) {
            throw new IllegalArgumentException("Payment " + command.paymentId()
                                               + " must be for a positive amount, was " + command.amount());
        }
        if (paymentId != null) {
            return;
        }
        apply(new PaymentRequestedEvent(command.paymentId(), command.orderId(), command.amount()));
    }

    @CommandHandler
    public void handle(RecordPaymentCapturedCommand command) {
        requireText(command.providerReference(), "a captured payment needs the provider's reference");
        if (status == PaymentStatus.EXPIRED && wasRequested()) {
            apply(new PaymentCapturedAfterExpiryEvent(paymentId, orderId, amount, command.providerReference()));
            apply(new PaymentRefundRequestedEvent(paymentId, orderId, amount,
                                                  "captured after the payment expired (" + expiryReason + ")"));
            return;
        }
        requireAwaitingOutcome("record a capture");
        apply(new PaymentCompletedEvent(paymentId, orderId, amount, command.providerReference()));
    }

    /**
     * Expires the payment unless its outcome is already known, and answers with the status it holds then.
     * A payment that was never requested (the order's stock was not reserved in time) is created expired,
     * so that a request arriving later finds it and nothing is ever charged for the order.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PaymentStatus handle(ExpirePaymentCommand command) {
        requireText(command.reason(), "an expiry needs a reason");
        if (paymentId == null) {
            requireIdOfOrder(command.paymentId(), command.orderId());
            apply(new PaymentExpiredEvent(command.paymentId(), command.orderId(), command.reason()));
        } else if (status == PaymentStatus.REQUESTED) {
            apply(new PaymentExpiredEvent(paymentId, orderId, command.reason()));
        }
        return status;
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
    public void handle(RecordPaymentAttemptFailedCommand command, PaymentRetryPolicy retryPolicy,
                       DeadlineManager deadlineManager) {
        requireText(command.reason(), "a failed attempt needs a reason");
        requireAwaitingOutcome("record a failed attempt");
        if (!isUnderway(command.attempt())) {
            // A redelivered answer to an attempt that was already recorded: scheduling again would double the retries.
            throw new PaymentStateException(paymentId, status, "record failed attempt " + command.attempt(),
                                            retryScheduled ? "attempt " + attempt + " already waits for its retry"
                                                           : "attempt " + attempt + " is the one underway");
        }
        if (!retryPolicy.allowsAnotherAttemptAfter(attempt)) {
            apply(new PaymentFailedEvent(paymentId, orderId, "provider unavailable, gave up after " + attempt
                                                             + " attempts: " + command.reason()));
            return;
        }
        Duration delay = retryPolicy.delayAfter(attempt);
        apply(new PaymentAttemptFailedEvent(paymentId, orderId, attempt, command.reason(), command.circuitState(),
                                            delay.toMillis()));
        deadlineManager.schedule(delay, RETRY_DEADLINE, new PaymentRetryDue(attempt + 1));
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void on(PaymentRetryDue due) {
        if (status != PaymentStatus.REQUESTED || !retryScheduled || due.attempt() != attempt + 1) {
            return; // a late answer to an earlier attempt settled the payment while this retry waited
        }
        apply(new PaymentRetryRequestedEvent(paymentId, orderId, amount, due.attempt()));
    }

    @CommandHandler
    public void handle(RefundPaymentCommand command) {
        requireText(command.reason(), "a refund needs a reason");
        if (refundRefused) {
            // The operators' retry, once whatever made the provider refuse is settled with it. A compensation
            // redelivered after a crash asks again too; refused again, it is one more failure to settle, not a loss.
            apply(new PaymentRefundRequestedEvent(paymentId, orderId, amount, command.reason()));
            return;
        }
        if (refundAlreadyRequested()) {
            return; // a compensation sent again after a redelivery: the refund is underway or done
        }
        if (!isCaptured()) {
            throw new PaymentStateException(paymentId, status, "refund", "no money was captured");
        }
        apply(new PaymentRefundRequestedEvent(paymentId, orderId, amount, command.reason()));
    }

    @CommandHandler
    public void handle(RecordRefundAttemptFailedCommand command, PaymentRetryPolicy retryPolicy,
                       DeadlineManager deadlineManager) {
        requireText(command.reason(), "a failed refund attempt needs a reason");
        requireRefundAwaited("record a failed refund attempt");
        if (command.attempt() != refundAttempt || refundRetryScheduled) {
            throw new PaymentStateException(paymentId, status, "record failed refund attempt " + command.attempt(),
                                            refundRetryScheduled
                                            ? "refund attempt " + refundAttempt + " already waits for its retry"
                                            : "refund attempt " + refundAttempt + " is the one underway");
        }
        // No last attempt here: the customer's money is owed back however long the provider is away.
        Duration delay = retryPolicy.delayAfter(refundAttempt);
        apply(new PaymentRefundAttemptFailedEvent(paymentId, orderId, refundAttempt, command.reason(),
                                                  command.circuitState(), delay.toMillis()));
        deadlineManager.schedule(delay, REFUND_RETRY_DEADLINE, new PaymentRetryDue(refundAttempt + 1));
    }

    @DeadlineHandler(deadlineName = REFUND_RETRY_DEADLINE)
    void onRefundRetryDue(PaymentRetryDue due) {
        if (status != PaymentStatus.REFUND_REQUESTED || !refundRetryScheduled || due.attempt() != refundAttempt + 1) {
            return; // the provider's answer to an earlier attempt arrived while this retry waited
        }
        apply(new PaymentRefundRetryRequestedEvent(paymentId, orderId, amount, due.attempt()));
    }

    /**
     * The provider's refusal is its answer: asking again would be refused again, so the refund is recorded
     * as a compensation that failed for good, once, where operators look for those and the order shows it.
     * It carries the {@link RefundPaymentCommand} that the operators' retry sends again; a refusal after such a
     * retry is a new failure, since the retry closed the one before.
     */
    @CommandHandler
    public void handle(RecordRefundRefusedCommand command, CompensationFailures failures) {
        requireText(command.reason(), "a refused refund needs the provider's reason");
        requireRefundAwaited("record a refused refund");
        apply(failures.failed(orderId, new RefundPaymentCommand(paymentId, refundReason),
                              "the provider refused the refund: " + command.reason(), refundRefusals + 1));
    }

    @CommandHandler
    public void handle(RecordPaymentRefundedCommand command) {
        requireText(command.providerReference(), "a refunded payment needs the provider's reference");
        if (status != PaymentStatus.REFUND_REQUESTED) {
            throw new PaymentStateException(paymentId, status, "record a refund", "no refund is awaited");
        }
        apply(new PaymentRefundedEvent(paymentId, orderId, amount, command.providerReference()));
    }

    private void requireRefundAwaited(String action) {
        if (status != PaymentStatus.REFUND_REQUESTED) {
            throw new PaymentStateException(paymentId, status, action, "no refund is awaited");
        }
        if (refundRefused) {
            throw new PaymentStateException(paymentId, status, action, "the provider's refusal is already recorded");
        }
    }

    private void requireAwaitingOutcome(String action) {
        if (status != PaymentStatus.REQUESTED) {
            throw new PaymentStateException(paymentId, status, action, "its outcome is already known");
        }
    }

    /** The id is derived from the order so that one order can never have two payments, and a refund can be addressed by order alone. */
    private static void requireIdOfOrder(PaymentId paymentId, OrderId orderId) {
        if (orderId == null) {
            throw new IllegalArgumentException("Payment " + paymentId + " needs the order it pays for");
        }
        PaymentId expected = PaymentId.forOrder(orderId);
        if (!expected.equals(paymentId)) {
            throw new IllegalArgumentException("Payment id " + paymentId + " does not belong to order " + orderId
                                               + ", expected " + expected);
        }
    }

    /** Whether a charge was ever asked for: a payment expired before its request has nothing to capture. */
    private boolean wasRequested() {
        return amount != null;
    }

    private boolean isUnderway(int candidate) {
        return candidate == attempt && !retryScheduled;
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
        attempt = 1;
    }

    @EventSourcingHandler
    void on(PaymentAttemptFailedEvent event) {
        retryScheduled = true;
    }

    @EventSourcingHandler
    void on(PaymentRetryRequestedEvent event) {
        attempt = event.attempt();
        retryScheduled = false;
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
    void on(PaymentExpiredEvent event) {
        // The first event of a payment that expired before it was requested.
        paymentId = event.paymentId();
        orderId = event.orderId();
        status = PaymentStatus.EXPIRED;
        expiryReason = event.reason();
    }

    @EventSourcingHandler
    void on(PaymentRefundRequestedEvent event) {
        status = PaymentStatus.REFUND_REQUESTED;
        refundAttempt = 1;
        refundRetryScheduled = false;
        refundRefused = false;
        refundReason = event.reason();
    }

    @EventSourcingHandler
    void on(CompensationFailedEvent event) {
        refundRefused = true;
        refundRefusals++;
    }

    @EventSourcingHandler
    void on(PaymentRefundAttemptFailedEvent event) {
        refundRetryScheduled = true;
    }

    @EventSourcingHandler
    void on(PaymentRefundRetryRequestedEvent event) {
        refundAttempt = event.attempt();
        refundRetryScheduled = false;
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        status = PaymentStatus.REFUNDED;
    }
}
