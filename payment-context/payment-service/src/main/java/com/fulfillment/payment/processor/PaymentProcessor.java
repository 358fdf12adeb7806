package com.fulfillment.payment.processor;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundRetryRequestedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.PaymentRetryRequestedEvent;
import com.fulfillment.payment.api.RecordPaymentAttemptFailedCommand;
import com.fulfillment.payment.api.RecordPaymentCapturedCommand;
import com.fulfillment.payment.api.RecordPaymentDeclinedCommand;
import com.fulfillment.payment.api.RecordPaymentFailedCommand;
import com.fulfillment.payment.api.RecordPaymentRefundedCommand;
import com.fulfillment.payment.command.PaymentStateException;
import com.fulfillment.payment.api.RecordRefundAttemptFailedCommand;
import com.fulfillment.payment.api.RecordRefundRefusedCommand;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import com.fulfillment.platform.CommandFailure;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that talks to the payment provider: it turns a requested charge or refund into a call
 * to the provider and records the answer on the {@code Payment}. A charge or refund the provider gave no
 * answer to is recorded as a failed attempt, which the payment retries later on its own deadline, so an
 * outage never holds this processor up. A refund the provider refused (a 4xx: no such charge, already
 * refunded) is an answer too: asking again would be refused again, so it is recorded once as refused, for an
 * operator, instead of being retried for ever. Its processing group propagates exceptions, so anything else
 * that goes wrong here (a command that could not be recorded) redelivers the event; the provider's
 * idempotency by payment id makes the repeated call safe. A payment outcome must never be lost.
 */
@ProcessingGroup(PaymentProcessor.PROCESSING_GROUP)
public class PaymentProcessor {

    public static final String PROCESSING_GROUP = "payment-provider";

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);
    private static final int FIRST_ATTEMPT = 1;

    @EventHandler
    public void on(PaymentRequestedEvent event, PaymentProvider provider, CommandGateway commandGateway) {
        charge(event.paymentId(), event.orderId(), event.amount(), FIRST_ATTEMPT, provider, commandGateway);
    }

    @EventHandler
    public void on(PaymentRetryRequestedEvent event, PaymentProvider provider, CommandGateway commandGateway) {
        charge(event.paymentId(), event.orderId(), event.amount(), event.attempt(), provider, commandGateway);
    }

    @EventHandler
    public void on(PaymentRefundRequestedEvent event, PaymentProvider provider, CommandGateway commandGateway) {
        refund(event.paymentId(), event.amount(), FIRST_ATTEMPT, provider, commandGateway);
    }

    @EventHandler
    public void on(PaymentRefundRetryRequestedEvent event, PaymentProvider provider, CommandGateway commandGateway) {
        refund(event.paymentId(), event.amount(), event.attempt(), provider, commandGateway);
    }

    private static void refund(PaymentId paymentId, Money amount, int attempt, PaymentProvider provider,
                               CommandGateway commandGateway) {
        RefundResult result = provider.refund(new RefundRequest(paymentId, amount));
        if (result instanceof RefundResult.Failed refused) {
            if (record(commandGateway, paymentId, new RecordRefundRefusedCommand(paymentId, refused.reason()))) {
                log.error("Payment {}: the provider refused its refund, an operator must settle it: {}",
                          paymentId, refused.reason());
            }
            return;
        }
        if (result instanceof RefundResult.Unavailable unavailable) {
            record(commandGateway, paymentId, new RecordRefundAttemptFailedCommand(paymentId, attempt,
                                                                                   unavailable.reason(),
                                                                                   unavailable.circuitState()));
            return;
        }
        RefundResult.Refunded refunded = (RefundResult.Refunded) result;
        record(commandGateway, paymentId, new RecordPaymentRefundedCommand(paymentId, refunded.providerReference()));
    }

    private static void charge(PaymentId paymentId, OrderId orderId, Money amount, int attempt,
                               PaymentProvider provider, CommandGateway commandGateway) {
        ChargeResult result = provider.charge(new ChargeRequest(paymentId, orderId, amount));
        record(commandGateway, paymentId, outcomeOf(paymentId, attempt, result));
    }

    private static Object outcomeOf(PaymentId paymentId, int attempt, ChargeResult result) {
        if (result instanceof ChargeResult.Approved approved) {
            return new RecordPaymentCapturedCommand(paymentId, approved.providerReference());
        }
        if (result instanceof ChargeResult.Declined declined) {
            return new RecordPaymentDeclinedCommand(paymentId, declined.reason());
        }
        if (result instanceof ChargeResult.Unavailable unavailable) {
            return new RecordPaymentAttemptFailedCommand(paymentId, attempt, unavailable.reason(),
                                                         unavailable.circuitState());
        }
        return new RecordPaymentFailedCommand(paymentId, ((ChargeResult.Failed) result).reason());
    }

    /** Whether the payment took the answer; false when it had recorded one before. */
    private static boolean record(CommandGateway commandGateway, PaymentId paymentId, Object command) {
        try {
            commandGateway.sendAndWait(command);
            return true;
        } catch (RuntimeException failure) {
            CommandFailure refusal = CommandFailure.expected(failure, f -> f.thrownAs(PaymentStateException.class));
            // A redelivered event: the outcome was recorded the first time, and the provider answered the
            // repeated call from its ledger, so there is nothing left to do.
            log.info("Payment {} has already moved on, {} not recorded again: {}",
                     paymentId, command.getClass().getSimpleName(), refusal.message());
            return false;
        }
    }
}
