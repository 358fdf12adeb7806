package com.fulfillment.payment.processor;

import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.RecordPaymentCapturedCommand;
import com.fulfillment.payment.api.RecordPaymentDeclinedCommand;
import com.fulfillment.payment.api.RecordPaymentFailedCommand;
import com.fulfillment.payment.api.RecordPaymentRefundedCommand;
import com.fulfillment.payment.command.PaymentStateException;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place that talks to the payment provider: it turns a requested charge or refund into a call
 * to the provider and records the answer on the {@code Payment}. Its processing group propagates
 * exceptions, so anything that goes wrong here (provider unreachable, a refund refused, a command that
 * could not be recorded) redelivers the event; the provider's idempotency by payment id makes the
 * repeated call safe. A payment outcome must never be lost.
 */
@ProcessingGroup(PaymentProcessor.PROCESSING_GROUP)
public class PaymentProcessor {

    public static final String PROCESSING_GROUP = "payment-provider";

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessor.class);

    @EventHandler
    public void on(PaymentRequestedEvent event, PaymentProvider provider, CommandGateway commandGateway) {
        ChargeResult result = provider.charge(new ChargeRequest(event.paymentId(), event.orderId(), event.amount()));
        record(commandGateway, event.paymentId(), outcomeOf(event.paymentId(), result));
    }

    @EventHandler
    public void on(PaymentRefundRequestedEvent event, PaymentProvider provider, CommandGateway commandGateway) {
        RefundResult result = provider.refund(new RefundRequest(event.paymentId(), event.amount()));
        if (result instanceof RefundResult.Failed failed) {
            throw new RefundFailedException(event.paymentId(), failed.reason());
        }
        RefundResult.Refunded refunded = (RefundResult.Refunded) result;
        record(commandGateway, event.paymentId(),
               new RecordPaymentRefundedCommand(event.paymentId(), refunded.providerReference()));
    }

    private static Object outcomeOf(PaymentId paymentId, ChargeResult result) {
        if (result instanceof ChargeResult.Approved approved) {
            return new RecordPaymentCapturedCommand(paymentId, approved.providerReference());
        }
        if (result instanceof ChargeResult.Declined declined) {
            return new RecordPaymentDeclinedCommand(paymentId, declined.reason());
        }
        return new RecordPaymentFailedCommand(paymentId, ((ChargeResult.Failed) result).reason());
    }

    private static void record(CommandGateway commandGateway, PaymentId paymentId, Object command) {
        try {
            commandGateway.sendAndWait(command);
        } catch (PaymentStateException alreadyMovedOn) {
            // A redelivered event: the outcome was recorded the first time, and the provider answered the
            // repeated call from its ledger, so there is nothing left to do.
            log.info("Payment {} has already moved on, {} not recorded again: {}",
                     paymentId, command.getClass().getSimpleName(), alreadyMovedOn.getMessage());
        }
    }
}
