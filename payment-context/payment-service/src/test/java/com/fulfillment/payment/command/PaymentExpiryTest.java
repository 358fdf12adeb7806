package com.fulfillment.payment.command;

import static com.fulfillment.payment.Payments.AMOUNT;
import static com.fulfillment.payment.Payments.EXPIRY_REASON;
import static com.fulfillment.payment.Payments.ORDER_ID;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.capturedAfterExpiry;
import static com.fulfillment.payment.Payments.expirePayment;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.paymentDeclined;
import static com.fulfillment.payment.Payments.paymentExpired;
import static com.fulfillment.payment.Payments.paymentFailed;
import static com.fulfillment.payment.Payments.paymentRequested;
import static com.fulfillment.payment.Payments.recordAttemptFailed;
import static com.fulfillment.payment.Payments.recordCapture;
import static com.fulfillment.payment.Payments.recordDecline;
import static com.fulfillment.payment.Payments.refundPayment;
import static com.fulfillment.payment.Payments.requestPayment;
import static org.hamcrest.Matchers.containsString;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.ExpirePaymentCommand;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.PaymentStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment decides alone whether its order was paid in time: capture and expiry arrive at the aggregate in
 * either order, and whichever comes first stands.
 */
class PaymentExpiryTest {

    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(PaymentRetryPolicy.defaults());
    }

    // --- expiry first

    @Test
    void aPaymentStillAwaitingItsOutcomeExpires() {
        fixture.given(paymentRequested())
               .when(expirePayment())
               .expectEvents(paymentExpired())
               .expectResultMessagePayload(PaymentStatus.EXPIRED);
    }

    @Test
    void aPaymentWaitingToRetryAnUnansweredChargeExpiresAndItsRetryIsNotMade() {
        fixture.givenCommands(requestPayment(), recordAttemptFailed(1), expirePayment())
               .whenTimeElapses(PaymentRetryPolicy.defaults().delayAfter(1))
               .expectTriggeredDeadlinesWithName(Payment.RETRY_DEADLINE)
               .expectNoEvents();
    }

    @Test
    void aCaptureReportedAfterTheExpiryIsRecordedAsMoneyToGiveBackAndItsRefundIsRequested() {
        fixture.given(paymentRequested(), paymentExpired())
               .when(recordCapture())
               .expectSuccessfulHandlerExecution()
               .expectEvents(capturedAfterExpiry(),
                             new PaymentRefundRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT,
                                                             "captured after the payment expired ("
                                                             + EXPIRY_REASON + ")"));
    }

    @Test
    void aLateCaptureReportedTwiceIsRefundedOnce() {
        fixture.given(paymentRequested(), paymentExpired(), capturedAfterExpiry(),
                      new PaymentRefundRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, "captured after expiry"))
               .when(recordCapture())
               .expectNoEvents()
               .expectException(PaymentStateException.class);
    }

    @Test
    void aDeclineReportedAfterTheExpiryChangesNothing() {
        fixture.given(paymentRequested(), paymentExpired())
               .when(recordDecline())
               .expectNoEvents()
               .expectException(PaymentStateException.class);
    }

    @Test
    void anUnansweredAttemptReportedAfterTheExpiryIsNotRetried() {
        fixture.given(paymentRequested(), paymentExpired())
               .when(recordAttemptFailed(1))
               .expectNoEvents()
               .expectNoScheduledDeadlines()
               .expectException(PaymentStateException.class);
    }

    @Test
    void anExpiredPaymentWithoutACaptureHasNothingToRefund() {
        fixture.given(paymentRequested(), paymentExpired())
               .when(refundPayment())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(containsString("no money was captured"));
    }

    @Test
    void anExpiryAskedForTwiceIsRecordedOnce() {
        fixture.given(paymentRequested(), paymentExpired())
               .when(expirePayment())
               .expectNoEvents()
               .expectResultMessagePayload(PaymentStatus.EXPIRED);
    }

    // --- capture first

    @Test
    void aCapturedPaymentDoesNotExpireAndAnswersThatItWasCaptured() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(expirePayment())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(PaymentStatus.COMPLETED);
    }

    @Test
    void aDeclinedPaymentDoesNotExpireAndAnswersThatItWasDeclined() {
        fixture.given(paymentRequested(), paymentDeclined())
               .when(expirePayment())
               .expectNoEvents()
               .expectResultMessagePayload(PaymentStatus.DECLINED);
    }

    @Test
    void aFailedPaymentDoesNotExpireAndAnswersThatItFailed() {
        fixture.given(paymentRequested(), paymentFailed())
               .when(expirePayment())
               .expectNoEvents()
               .expectResultMessagePayload(PaymentStatus.FAILED);
    }

    // --- no payment requested yet

    @Test
    void aPaymentNotYetRequestedWhenTheDeadlinePassesIsCreatedExpired() {
        fixture.givenNoPriorActivity()
               .when(expirePayment())
               .expectSuccessfulHandlerExecution()
               .expectEvents(paymentExpired())
               .expectResultMessagePayload(PaymentStatus.EXPIRED);
    }

    @Test
    void aPaymentExpiredBeforeItsRequestHasNoChargeToRecord() {
        fixture.given(paymentExpired())
               .when(recordCapture())
               .expectNoEvents()
               .expectException(PaymentStateException.class);
    }

    @Test
    void aRequestArrivingAfterTheExpiryChargesNothing() {
        fixture.given(paymentExpired())
               .when(requestPayment())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void anExpiryForAnotherOrdersPaymentIdIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new ExpirePaymentCommand(PAYMENT_ID, OrderId.of("order-2"), EXPIRY_REASON))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("does not belong to order order-2"));
    }

    @Test
    void anExpiryWithoutAReasonIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new ExpirePaymentCommand(PaymentId.forOrder(ORDER_ID), ORDER_ID, " "))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class);
    }
}
