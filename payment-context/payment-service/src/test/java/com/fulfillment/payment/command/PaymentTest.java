package com.fulfillment.payment.command;

import static com.fulfillment.payment.Payments.AMOUNT;
import static com.fulfillment.payment.Payments.ORDER_ID;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.paymentDeclined;
import static com.fulfillment.payment.Payments.paymentFailed;
import static com.fulfillment.payment.Payments.paymentRefunded;
import static com.fulfillment.payment.Payments.paymentRequested;
import static com.fulfillment.payment.Payments.recordCapture;
import static com.fulfillment.payment.Payments.recordDecline;
import static com.fulfillment.payment.Payments.recordFailure;
import static com.fulfillment.payment.Payments.recordRefund;
import static com.fulfillment.payment.Payments.refundPayment;
import static com.fulfillment.payment.Payments.refundRequested;
import static com.fulfillment.payment.Payments.requestPayment;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentRefundedEvent;
import com.fulfillment.payment.api.PaymentRequestedEvent;
import com.fulfillment.payment.api.RecordPaymentCapturedCommand;
import com.fulfillment.payment.api.RecordPaymentDeclinedCommand;
import com.fulfillment.payment.api.RecordPaymentFailedCommand;
import com.fulfillment.payment.api.RecordPaymentRefundedCommand;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.payment.api.RequestPaymentCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    // --- requesting

    @Test
    void paymentIsRequestedForTheOrdersTotal() {
        fixture.givenNoPriorActivity()
               .when(requestPayment())
               .expectSuccessfulHandlerExecution()
               .expectEvents(new PaymentRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT));
    }

    @Test
    void aRequestMadeAgainChangesNothing() {
        fixture.given(paymentRequested())
               .when(requestPayment())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void paymentOfNothingIsRefused() {
        fixture.givenNoPriorActivity()
               .when(requestPayment(Money.zero("EUR")))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("must be for a positive amount, was 0.00 EUR"));
    }

    @Test
    void paymentOfANegativeAmountIsRefused() {
        fixture.givenNoPriorActivity()
               .when(requestPayment(Money.of("-5.00", "EUR")))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("must be for a positive amount, was -5.00 EUR"));
    }

    @Test
    void paymentWithoutAnAmountIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, null))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("must be for a positive amount, was null"));
    }

    @Test
    void paymentWithoutAnOrderIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new RequestPaymentCommand(PAYMENT_ID, null, AMOUNT))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("needs the order it pays for"));
    }

    @Test
    void paymentWhoseIdIsNotDerivedFromItsOrderIsRefused() {
        OrderId otherOrder = OrderId.of("order-2");
        fixture.givenNoPriorActivity()
               .when(new RequestPaymentCommand(PaymentId.forOrder(otherOrder), ORDER_ID, AMOUNT))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("does not belong to order order-1, expected payment-order-1"));
    }

    // --- recording the provider's outcome

    @Test
    void captureOfARequestedPaymentCompletesIt() {
        fixture.given(paymentRequested())
               .when(recordCapture())
               .expectEvents(new PaymentCompletedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, "charge-1"));
    }

    @Test
    void captureWithoutTheProvidersReferenceIsRefused() {
        fixture.given(paymentRequested())
               .when(new RecordPaymentCapturedCommand(PAYMENT_ID, " "))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("needs the provider's reference"));
    }

    @Test
    void captureIsRecordedOnlyOnce() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(recordCapture())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a capture"),
                                             containsString("payment-order-1 is COMPLETED")));
    }

    @Test
    void captureOfADeclinedPaymentIsRefused() {
        fixture.given(paymentRequested(), paymentDeclined())
               .when(recordCapture())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a capture"),
                                             containsString("payment-order-1 is DECLINED")));
    }

    @Test
    void declineOfARequestedPaymentIsRecordedWithItsReason() {
        fixture.given(paymentRequested())
               .when(recordDecline())
               .expectEvents(new PaymentDeclinedEvent(PAYMENT_ID, ORDER_ID, "insufficient funds"));
    }

    @Test
    void declineWithoutAReasonIsRefused() {
        fixture.given(paymentRequested())
               .when(new RecordPaymentDeclinedCommand(PAYMENT_ID, null))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("needs the provider's reason"));
    }

    @Test
    void declineOfACompletedPaymentIsRefused() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(recordDecline())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a decline"),
                                             containsString("payment-order-1 is COMPLETED")));
    }

    @Test
    void failureOfARequestedPaymentIsRecordedWithItsReason() {
        fixture.given(paymentRequested())
               .when(recordFailure())
               .expectEvents(new PaymentFailedEvent(PAYMENT_ID, ORDER_ID, "provider unreachable"));
    }

    @Test
    void failureWithoutAReasonIsRefused() {
        fixture.given(paymentRequested())
               .when(new RecordPaymentFailedCommand(PAYMENT_ID, ""))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("needs a reason"));
    }

    @Test
    void failureOfADeclinedPaymentIsRefused() {
        fixture.given(paymentRequested(), paymentDeclined())
               .when(recordFailure())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a failure"),
                                             containsString("payment-order-1 is DECLINED")));
    }

    // --- refunding

    @Test
    void refundOfACompletedPaymentAsksForTheCapturedAmount() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(refundPayment())
               .expectEvents(new PaymentRefundRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT,
                                                             "order cancelled: changed my mind"));
    }

    @Test
    void refundWithoutAReasonIsRefused() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(new RefundPaymentCommand(PAYMENT_ID, null))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("a refund needs a reason"));
    }

    @Test
    void refundIsRefusedWhileThePaymentAwaitsItsOutcome() {
        fixture.given(paymentRequested())
               .when(refundPayment())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot refund"),
                                             containsString("payment-order-1 is REQUESTED, no money was captured")));
    }

    @Test
    void refundOfADeclinedPaymentIsRefused() {
        fixture.given(paymentRequested(), paymentDeclined())
               .when(refundPayment())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot refund"),
                                             containsString("payment-order-1 is DECLINED, no money was captured")));
    }

    @Test
    void refundOfAFailedPaymentIsRefused() {
        fixture.given(paymentRequested(), paymentFailed())
               .when(refundPayment())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot refund"),
                                             containsString("payment-order-1 is FAILED, no money was captured")));
    }

    @Test
    void aRepeatedRefundIsDoneAlreadyWhileTheFirstIsUnderway() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested())
               .when(refundPayment())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aRepeatedRefundOfARefundedPaymentChangesNothing() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), paymentRefunded())
               .when(refundPayment())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void providersRefundOfARequestedRefundIsRecorded() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested())
               .when(recordRefund())
               .expectEvents(new PaymentRefundedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, "refund-2"));
    }

    @Test
    void refundWithoutTheProvidersReferenceIsNotRecorded() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested())
               .when(new RecordPaymentRefundedCommand(PAYMENT_ID, null))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("needs the provider's reference"));
    }

    @Test
    void refundThatWasNeverRequestedIsNotRecorded() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(recordRefund())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a refund"),
                                             containsString("payment-order-1 is COMPLETED, no refund is awaited")));
    }

    @Test
    void refundIsRecordedOnlyOnce() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), paymentRefunded())
               .when(recordRefund())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a refund"),
                                             containsString("payment-order-1 is REFUNDED")));
    }
}
