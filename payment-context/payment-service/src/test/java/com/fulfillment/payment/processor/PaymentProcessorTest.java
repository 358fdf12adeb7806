package com.fulfillment.payment.processor;

import static com.fulfillment.payment.Payments.AMOUNT;
import static com.fulfillment.payment.Payments.ORDER_ID;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.paymentRequested;
import static com.fulfillment.payment.Payments.refundRequested;
import static com.fulfillment.payment.Payments.refundRetryRequested;
import static com.fulfillment.payment.Payments.retryRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

import com.fulfillment.kernel.Money;
import com.fulfillment.payment.api.PaymentStatus;
import com.fulfillment.payment.api.RecordPaymentAttemptFailedCommand;
import com.fulfillment.payment.api.RecordPaymentCapturedCommand;
import com.fulfillment.payment.api.RecordPaymentDeclinedCommand;
import com.fulfillment.payment.api.RecordPaymentFailedCommand;
import com.fulfillment.payment.api.RecordPaymentRefundedCommand;
import com.fulfillment.payment.api.RecordRefundAttemptFailedCommand;
import com.fulfillment.payment.api.RecordRefundRefusedCommand;
import com.fulfillment.payment.command.PaymentStateException;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.InMemoryPaymentProvider.Behaviour;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

class PaymentProcessorTest {

    private final PaymentProcessor processor = new PaymentProcessor();
    private final InMemoryPaymentProvider provider = new InMemoryPaymentProvider();
    private final CommandGateway commandGateway = mock(CommandGateway.class);

    // --- charging

    @Test
    void approvedChargeIsRecordedAsACaptureWithTheProvidersReference() {
        processor.on(paymentRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(new RecordPaymentCapturedCommand(PAYMENT_ID, "charge-1"));
        verifyNoMoreInteractions(commandGateway);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void declinedChargeIsRecordedAsADeclineWithTheProvidersReason() {
        provider.behaveByDefault(Behaviour.DECLINE);

        processor.on(paymentRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordPaymentDeclinedCommand(PAYMENT_ID, "declined by the in-memory provider"));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void chargeThatCouldNotBeMadeIsRecordedAsAFailure() {
        provider.behaveByDefault(Behaviour.FAIL);

        processor.on(paymentRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordPaymentFailedCommand(PAYMENT_ID, "the in-memory provider is unavailable"));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void chargeThatGotNoAnswerIsRecordedAsAFailedFirstAttemptToBeRetried() {
        provider.behaveByDefault(Behaviour.UNAVAILABLE);

        processor.on(paymentRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordPaymentAttemptFailedCommand(PAYMENT_ID, 1, "the in-memory provider did not answer", null));
        verifyNoMoreInteractions(commandGateway);
        assertThat(provider.chargeCount(PAYMENT_ID)).isZero();
    }

    @Test
    void retriedChargeThatGotNoAnswerAgainIsRecordedUnderItsAttemptNumber() {
        provider.behaveByDefault(Behaviour.UNAVAILABLE);

        processor.on(retryRequested(3), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordPaymentAttemptFailedCommand(PAYMENT_ID, 3, "the in-memory provider did not answer", null));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void retriedChargeIsAnsweredFromTheProvidersLedgerWhenTheLostAnswerHadTakenTheMoney() {
        provider.charge(chargeOfThePayment()); // taken, but the answer never reached the processor

        processor.on(retryRequested(2), provider, commandGateway);

        verify(commandGateway).sendAndWait(new RecordPaymentCapturedCommand(PAYMENT_ID, "charge-1"));
        assertThat(provider.chargeAttempts(PAYMENT_ID)).isEqualTo(2);
        assertThat(provider.chargeCount(PAYMENT_ID)).isEqualTo(1);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void chargeIsMadeUnderThePaymentIdAsIdempotencyKeyForTheRequestedAmount() {
        provider.declineAbove(Money.of("59.89", "EUR"));

        processor.on(paymentRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(any(RecordPaymentDeclinedCommand.class));
        assertThat(provider.chargeAttempts(PAYMENT_ID)).isEqualTo(1);
    }

    @Test
    void redeliveredPaymentRequestChargesOnceAndAcceptsThatTheOutcomeIsAlreadyRecorded() {
        processor.on(paymentRequested(), provider, commandGateway);
        RecordPaymentCapturedCommand capture = new RecordPaymentCapturedCommand(PAYMENT_ID, "charge-1");
        doThrow(new PaymentStateException(PAYMENT_ID, PaymentStatus.COMPLETED, "record a capture", "already known"))
                .when(commandGateway).sendAndWait(capture);

        processor.on(paymentRequested(), provider, commandGateway);

        verify(commandGateway, times(2)).sendAndWait(capture);
        assertThat(provider.chargeCount(PAYMENT_ID)).isEqualTo(1);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void outcomeThatCouldNotBeRecordedForAnotherReasonIsThrownSoTheEventIsRetried() {
        doThrow(new IllegalStateException("command bus unavailable"))
                .when(commandGateway).sendAndWait(any());

        assertThatThrownBy(() -> processor.on(paymentRequested(), provider, commandGateway))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("command bus unavailable");
    }

    // --- refunding

    @Test
    void requestedRefundIsMadeByTheProviderAndRecorded() {
        provider.charge(chargeOfThePayment());

        processor.on(refundRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(new RecordPaymentRefundedCommand(PAYMENT_ID, "refund-2"));
        verifyNoMoreInteractions(commandGateway);
        assertThat(provider.refundedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void refundTheProviderRefusesIsRecordedAsRefusedAndNotAskedAgain() {
        provider.charge(chargeOfThePayment());
        provider.failRefunds(true);

        processor.on(refundRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordRefundRefusedCommand(PAYMENT_ID, "the in-memory provider is refusing refunds"));
        verifyNoMoreInteractions(commandGateway);
        assertThat(provider.refundAttempts(PAYMENT_ID)).isEqualTo(1);
        assertThat(provider.refundedTotal()).isEqualTo(Money.zero("EUR"));
    }

    @Test
    void refundOfAChargeTheProviderDoesNotKnowIsRecordedAsRefused() {
        processor.on(refundRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordRefundRefusedCommand(PAYMENT_ID, "no captured charge under " + PAYMENT_ID));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void aRedeliveredRefusalThatWasAlreadyRecordedEndsQuietly() {
        doThrow(new PaymentStateException(PAYMENT_ID, PaymentStatus.REFUND_REQUESTED, "record a refused refund",
                                          "its refusal is already recorded"))
                .when(commandGateway).sendAndWait(any());

        processor.on(refundRequested(), provider, commandGateway);

        verify(commandGateway).sendAndWait(
                new RecordRefundRefusedCommand(PAYMENT_ID, "no captured charge under " + PAYMENT_ID));
    }

    @Test
    void refundThatGotNoAnswerIsRecordedAsAFailedAttemptToBeRetried() {
        PaymentProvider unanswered = new UnansweringProvider();

        processor.on(refundRequested(), unanswered, commandGateway);
        processor.on(refundRetryRequested(2), unanswered, commandGateway);

        verify(commandGateway).sendAndWait(new RecordRefundAttemptFailedCommand(PAYMENT_ID, 1, "no answer", "OPEN"));
        verify(commandGateway).sendAndWait(new RecordRefundAttemptFailedCommand(PAYMENT_ID, 2, "no answer", "OPEN"));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void retriedRefundIsMadeAndRecorded() {
        provider.charge(chargeOfThePayment());

        processor.on(refundRetryRequested(3), provider, commandGateway);

        verify(commandGateway).sendAndWait(new RecordPaymentRefundedCommand(PAYMENT_ID, "refund-2"));
        assertThat(provider.refundCount(PAYMENT_ID)).isEqualTo(1);
    }

    @Test
    void redeliveredRefundRequestRefundsOnceAndAcceptsThatTheRefundIsAlreadyRecorded() {
        provider.charge(chargeOfThePayment());
        processor.on(refundRequested(), provider, commandGateway);
        RecordPaymentRefundedCommand refunded = new RecordPaymentRefundedCommand(PAYMENT_ID, "refund-2");
        doThrow(new PaymentStateException(PAYMENT_ID, PaymentStatus.REFUNDED, "record a refund", "no refund is awaited"))
                .when(commandGateway).sendAndWait(refunded);

        processor.on(refundRequested(), provider, commandGateway);

        verify(commandGateway, times(2)).sendAndWait(refunded);
        assertThat(provider.refundCount(PAYMENT_ID)).isEqualTo(1);
        assertThat(provider.refundedTotal()).isEqualTo(AMOUNT);
    }

    /** A provider behind an open circuit: it answers nothing. */
    private static final class UnansweringProvider implements PaymentProvider {
        @Override
        public ChargeResult charge(ChargeRequest request) {
            return new ChargeResult.Unavailable("no answer", "OPEN");
        }

        @Override
        public RefundResult refund(RefundRequest request) {
            return new RefundResult.Unavailable("no answer", "OPEN");
        }
    }

    private static ChargeRequest chargeOfThePayment() {
        return new ChargeRequest(PAYMENT_ID, ORDER_ID, AMOUNT);
    }
}
