package com.fulfillment.payment.command;

import static com.fulfillment.payment.Payments.AMOUNT;
import static com.fulfillment.payment.Payments.COMPENSATION_FAILURES;
import static com.fulfillment.payment.Payments.ORDER_ID;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.REFUND_REASON;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.paymentRefunded;
import static com.fulfillment.payment.Payments.paymentRequested;
import static com.fulfillment.payment.Payments.recordRefund;
import static com.fulfillment.payment.Payments.recordRefundAttemptFailed;
import static com.fulfillment.payment.Payments.recordRefundRefused;
import static com.fulfillment.payment.Payments.refundRefused;
import static com.fulfillment.payment.Payments.refundRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.hamcrest.Matchers.containsString;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.payment.api.PaymentRefundRequestedEvent;
import com.fulfillment.payment.api.RefundPaymentCommand;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refund the provider refuses for good is an answer: recorded once for an operator as the compensation that
 * failed, with the refund command the operators' retry sends again, and not asked of the provider again.
 */
class PaymentRefundRefusalTest {

    private FixtureConfiguration<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(PaymentRetryPolicy.defaults());
        fixture.registerInjectableResource(COMPENSATION_FAILURES);
    }

    @Test
    void aRefundTheProviderRefusesIsRecordedAsACompensationThatFailedForGood() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested())
               .when(recordRefundRefused())
               .expectSuccessfulHandlerExecution()
               .expectEvents(refundRefused())
               .expectNoScheduledDeadlines();
    }

    @Test
    void theRecordedFailureCarriesTheRefundCommandForTheOperatorsRetry() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested())
               .when(recordRefundRefused())
               .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate(payload -> {
                   CompensationFailedEvent failure = (CompensationFailedEvent) payload;
                   Object command = JacksonSerializer.defaultSerializer().deserialize(
                           new SimpleSerializedObject<>(failure.commandPayload(), String.class,
                                                        failure.commandClass(), null));
                   return failure.failureId() != null
                          && failure.orderId().equals(ORDER_ID)
                          && failure.context().equals("payment")
                          && failure.commandType().equals("RefundPaymentCommand")
                          && failure.reason().contains("no captured charge")
                          && command.equals(new RefundPaymentCommand(PAYMENT_ID, REFUND_REASON));
               }), andNoMore())));
    }

    @Test
    void aRefusalReportedTwiceIsRecordedOnce() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundRefused())
               .when(recordRefundRefused())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(containsString("refusal is already recorded"));
    }

    @Test
    void aRefusedRefundIsNotRetriedAsIfTheProviderHadNotAnswered() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundRefused())
               .when(recordRefundAttemptFailed(1))
               .expectNoEvents()
               .expectNoScheduledDeadlines()
               .expectException(PaymentStateException.class);
    }

    @Test
    void aRefusalWithoutARefundRequestedIsRefused() {
        fixture.given(paymentRequested(), paymentCompleted())
               .when(recordRefundRefused())
               .expectNoEvents()
               .expectException(PaymentStateException.class)
               .expectExceptionMessage(containsString("no refund is awaited"));
    }

    @Test
    void theOperatorsRetryAsksForTheRefusedRefundAgain() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundRefused())
               .when(new RefundPaymentCommand(PAYMENT_ID, REFUND_REASON))
               .expectEvents(new PaymentRefundRequestedEvent(PAYMENT_ID, ORDER_ID, AMOUNT, REFUND_REASON));
    }

    @Test
    void aRefundAskedForAgainAfterARefusalCanBeMade() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundRefused(), refundRequested())
               .when(recordRefund())
               .expectEvents(paymentRefunded());
    }

    @Test
    void aRefusalAfterTheOperatorsRetryIsANewFailureForTheOperator() {
        fixture.given(paymentRequested(), paymentCompleted(), refundRequested(), refundRefused(), refundRequested())
               .when(recordRefundRefused())
               .expectEvents(refundRefused(REFUND_REASON, 2));
        assertThat(refundRefused(REFUND_REASON, 2).failureId()).isNotEqualTo(refundRefused().failureId());
    }
}
