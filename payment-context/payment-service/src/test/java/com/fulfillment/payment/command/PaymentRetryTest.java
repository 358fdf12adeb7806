package com.fulfillment.payment.command;

import static com.fulfillment.payment.Payments.AMOUNT;
import static com.fulfillment.payment.Payments.CHARGE_REFERENCE;
import static com.fulfillment.payment.Payments.CIRCUIT_STATE;
import static com.fulfillment.payment.Payments.NO_ANSWER;
import static com.fulfillment.payment.Payments.ORDER_ID;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.attemptFailed;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.paymentRefunded;
import static com.fulfillment.payment.Payments.paymentRequested;
import static com.fulfillment.payment.Payments.recordAttemptFailed;
import static com.fulfillment.payment.Payments.recordCapture;
import static com.fulfillment.payment.Payments.recordDecline;
import static com.fulfillment.payment.Payments.recordRefund;
import static com.fulfillment.payment.Payments.recordRefundAttemptFailed;
import static com.fulfillment.payment.Payments.refundAttemptFailed;
import static com.fulfillment.payment.Payments.refundPayment;
import static com.fulfillment.payment.Payments.refundRequested;
import static com.fulfillment.payment.Payments.refundRetryRequested;
import static com.fulfillment.payment.Payments.requestPayment;
import static com.fulfillment.payment.Payments.retryRequested;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import com.fulfillment.payment.api.PaymentAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentRefundAttemptFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRetryRequestedEvent;
import com.fulfillment.payment.api.PaymentRetryRequestedEvent;
import com.fulfillment.payment.api.RecordPaymentAttemptFailedCommand;
import java.time.Duration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A charge that got no answer from the provider leaves the payment requested and is tried again on the
 * payment's own deadline, under the same idempotency key, until an answer comes or the policy gives up. A
 * refund without an answer is retried the same way, without ever giving up.
 */
class PaymentRetryTest {

    /** One second, doubling up to three, five attempts in all. */
    private static final PaymentRetryPolicy POLICY =
            new PaymentRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(3), 5);

    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(POLICY);
    }

    @Test
    void attemptWithoutAnAnswerKeepsThePaymentRequestedAndSchedulesTheRetry() {
        fixture.given(paymentRequested())
               .when(recordAttemptFailed(1))
               .expectEvents(new PaymentAttemptFailedEvent(PAYMENT_ID, ORDER_ID, 1, NO_ANSWER, CIRCUIT_STATE, 1000))
               .expectScheduledDeadline(Duration.ofSeconds(1), new PaymentRetryDue(2))
               .expectScheduledDeadlineWithName(Duration.ofSeconds(1), Payment.RETRY_DEADLINE);
    }

    @Test
    void retryDeadlineAsksTheProviderAgainAsTheNextAttempt() {
        fixture.givenCommands(requestPayment(), recordAttemptFailed(1))
               .whenTimeElapses(Duration.ofSeconds(1))
               .expectTriggeredDeadlinesWithName(Payment.RETRY_DEADLINE)
               .expectEvents(new PaymentRetryRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, 2));
    }

    @Test
    void waitBeforeTheNextAttemptDoublesWithEachAttempt() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000), retryRequested(2))
               .when(recordAttemptFailed(2))
               .expectEvents(new PaymentAttemptFailedEvent(PAYMENT_ID, ORDER_ID, 2, NO_ANSWER, CIRCUIT_STATE, 2000))
               .expectScheduledDeadline(Duration.ofSeconds(2), new PaymentRetryDue(3));
    }

    @Test
    void waitStopsGrowingAtTheMaximum() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000), retryRequested(2), attemptFailed(2, 2000),
                      retryRequested(3))
               .when(recordAttemptFailed(3))
               .expectEvents(new PaymentAttemptFailedEvent(PAYMENT_ID, ORDER_ID, 3, NO_ANSWER, CIRCUIT_STATE, 3000))
               .expectScheduledDeadline(Duration.ofSeconds(3), new PaymentRetryDue(4));
    }

    @Test
    void answerToARetriedAttemptIsRecordedAsForTheFirst() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000), retryRequested(2))
               .when(recordCapture())
               .expectEvents(new PaymentCompletedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, CHARGE_REFERENCE));
    }

    @Test
    void lastAttemptThePolicyAllowsFailsThePayment() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000), retryRequested(2), attemptFailed(2, 2000),
                      retryRequested(3), attemptFailed(3, 3000), retryRequested(4), attemptFailed(4, 3000),
                      retryRequested(5))
               .when(recordAttemptFailed(5))
               .expectEvents(new PaymentFailedEvent(PAYMENT_ID, ORDER_ID,
                                                    "provider unavailable, gave up after 5 attempts: " + NO_ANSWER))
               .expectNoScheduledDeadlines();
    }

    // --- a late answer settles the payment while a retry waits

    @Test
    void captureArrivingWhileARetryWaitsCompletesThePayment() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000))
               .when(recordCapture())
               .expectEvents(new PaymentCompletedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, CHARGE_REFERENCE));
    }

    @Test
    void declineArrivingWhileARetryWaitsIsFinal() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000))
               .when(recordDecline())
               .expectEvents(new PaymentDeclinedEvent(PAYMENT_ID, ORDER_ID, "insufficient funds"));
    }

    @Test
    void retryDeadlineOfAPaymentCompletedMeanwhileAsksNothing() {
        fixture.givenCommands(requestPayment(), recordAttemptFailed(1), recordCapture())
               .whenTimeElapses(Duration.ofSeconds(1))
               .expectTriggeredDeadlinesWithName(Payment.RETRY_DEADLINE)
               .expectNoEvents();
    }

    // --- refunds

    @Test
    void refundWithoutAnAnswerStaysRequestedAndSchedulesItsRetry() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested())
               .when(recordRefundAttemptFailed(1))
               .expectEvents(new PaymentRefundAttemptFailedEvent(PAYMENT_ID, ORDER_ID, 1, NO_ANSWER, CIRCUIT_STATE,
                                                                 1000))
               .expectScheduledDeadline(Duration.ofSeconds(1), new PaymentRetryDue(2))
               .expectScheduledDeadlineWithName(Duration.ofSeconds(1), Payment.REFUND_RETRY_DEADLINE);
    }

    @Test
    void refundRetryDeadlineAsksTheProviderAgain() {
        fixture.givenCommands(requestPayment(), recordCapture(), refundPayment(), recordRefundAttemptFailed(1))
               .whenTimeElapses(Duration.ofSeconds(1))
               .expectTriggeredDeadlinesWithName(Payment.REFUND_RETRY_DEADLINE)
               .expectEvents(new PaymentRefundRetryRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, 2));
    }

    @Test
    void refundIsNeverGivenUpWhateverTheNumberOfAttempts() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundAttemptFailed(1, 1000),
                      refundRetryRequested(2), refundAttemptFailed(2, 2000), refundRetryRequested(3),
                      refundAttemptFailed(3, 3000), refundRetryRequested(4), refundAttemptFailed(4, 3000),
                      refundRetryRequested(5), refundAttemptFailed(5, 3000), refundRetryRequested(6))
               .when(recordRefundAttemptFailed(6))
               .expectEvents(new PaymentRefundAttemptFailedEvent(PAYMENT_ID, ORDER_ID, 6, NO_ANSWER, CIRCUIT_STATE,
                                                                 3000))
               .expectScheduledDeadline(Duration.ofSeconds(3), new PaymentRetryDue(7));
    }

    @Test
    void refundArrivingWhileItsRetryWaitsIsRecorded() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundAttemptFailed(1, 1000))
               .when(recordRefund())
               .expectEvents(paymentRefunded());
    }

    @Test
    void refundRetryDeadlineOfARefundMadeMeanwhileAsksNothing() {
        fixture.givenCommands(requestPayment(), recordCapture(), refundPayment(), recordRefundAttemptFailed(1),
                              recordRefund())
               .whenTimeElapses(Duration.ofSeconds(1))
               .expectTriggeredDeadlinesWithName(Payment.REFUND_RETRY_DEADLINE)
               .expectNoEvents();
    }

    @Test
    void redeliveredFailureOfARefundAttemptThatAlreadyWaitsIsRefused() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundAttemptFailed(1, 1000))
               .when(recordRefundAttemptFailed(1))
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record failed refund attempt 1"),
                                             containsString("refund attempt 1 already waits for its retry")));
    }

    @Test
    void failedRefundAttemptWithoutARequestedRefundIsRefused() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(recordRefundAttemptFailed(1))
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a failed refund attempt"),
                                             containsString("no refund is awaited")));
    }

    // --- refused

    @Test
    void failedAttemptWithoutAReasonIsRefused() {
        fixture.given(paymentRequested())
               .when(new RecordPaymentAttemptFailedCommand(PAYMENT_ID, 1, " ", CIRCUIT_STATE))
               .expectNoEvents()
               .expectException(IllegalArgumentException.class)
               .expectExceptionMessage(containsString("a failed attempt needs a reason"));
    }

    @Test
    void redeliveredFailureOfAnAttemptThatAlreadyWaitsIsRefusedSoItIsRetriedOnce() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000))
               .when(recordAttemptFailed(1))
               .expectNoEvents()
               .expectNoScheduledDeadlines()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record failed attempt 1"),
                                             containsString("attempt 1 already waits for its retry")));
    }

    @Test
    void failureOfAnEarlierAttemptIsRefused() {
        fixture.given(paymentRequested(), attemptFailed(1, 1000), retryRequested(2))
               .when(recordAttemptFailed(1))
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record failed attempt 1"),
                                             containsString("attempt 2 is the one underway")));
    }

    @Test
    void failedAttemptOfACompletedPaymentIsRefused() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(recordAttemptFailed(1))
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(allOf(containsString("Cannot record a failed attempt"),
                                             containsString("payment-order-1 is COMPLETED")));
    }
}
