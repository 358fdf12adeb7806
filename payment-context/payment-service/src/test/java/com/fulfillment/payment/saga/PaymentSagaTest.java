package com.fulfillment.payment.saga;

import static com.fulfillment.payment.Orders.ORDER_ID;
import static com.fulfillment.payment.Orders.OTHER_ORDER_ID;
import static com.fulfillment.payment.Orders.TOTAL;
import static com.fulfillment.payment.Orders.orderCancelledAfterConfirmation;
import static com.fulfillment.payment.Orders.orderCancelledWhilePending;
import static com.fulfillment.payment.Orders.orderConfirmed;
import static com.fulfillment.payment.Orders.orderRejected;
import static com.fulfillment.payment.Orders.stockReserved;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.paymentDeclined;
import static com.fulfillment.payment.Payments.paymentFailed;
import static com.fulfillment.payment.Payments.paymentRefunded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.payment.RecordingCompensationGateway;
import com.fulfillment.payment.RecordingCompensationGateway.Sent;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.payment.api.RequestPaymentCommand;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentSagaTest {

    private static final RefundPaymentCommand REFUND_AFTER_REJECTION =
            new RefundPaymentCommand(PAYMENT_ID, "order rejected: payment not completed in time");
    private static final RefundPaymentCommand REFUND_AFTER_CANCELLATION =
            new RefundPaymentCommand(PAYMENT_ID, "order cancelled: changed my mind");

    private SagaTestFixture<PaymentSaga> fixture;
    private RecordingCompensationGateway compensations;
    private LastLoadedSaga saga;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PaymentSaga.class);
        compensations = RecordingCompensationGateway.dispatchingOn(fixture.getCommandBus());
        fixture.registerResource(compensations);
        saga = new LastLoadedSaga();
        fixture.registerResourceInjector(saga);
    }

    // --- happy path

    @Test
    void reservedStockStartsTheSagaAndRequestsPaymentOfTheTotal() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(stockReserved())
               .expectActiveSagas(1)
               .expectAssociationWith(PaymentSaga.ORDER_ID, ORDER_ID)
               .expectDispatchedCommands(new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, TOTAL));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void completedPaymentWaitsForTheOrderToBeConfirmed() {
        fixture.givenAPublished(stockReserved())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void confirmedOrderCompletesAndEndsTheSaga() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderConfirmed())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPLETED);
    }

    @Test
    void eventsOfAnOrderWithoutReservedStockStartNoSaga() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(orderRejected(OTHER_ORDER_ID))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    // --- the payment takes no money

    @Test
    void declinedPaymentFailsAndEndsTheSagaWithNothingToUndo() {
        fixture.givenAPublished(stockReserved())
               .whenPublishingA(paymentDeclined())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void providerFailureFailsAndEndsTheSagaWithNothingToUndo() {
        fixture.givenAPublished(stockReserved())
               .whenPublishingA(paymentFailed())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    // --- the order is rejected (e.g. its payment deadline passed)

    @Test
    void orderRejectedBeforeThePaymentsOutcomeWaitsForTheOutcome() {
        fixture.givenAPublished(stockReserved())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void paymentCompletedAfterTheOrderWasRejectedIsRefunded() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_REJECTION);
        assertThat(compensations.sent()).containsExactly(new Sent(ORDER_ID, REFUND_AFTER_REJECTION));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void paymentDeclinedAfterTheOrderWasRejectedEndsTheSaga() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .whenPublishingA(paymentDeclined())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void paymentFailedAfterTheOrderWasRejectedEndsTheSaga() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .whenPublishingA(paymentFailed())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void orderRejectedAfterCaptureIsRefunded() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_REJECTION);
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void finishedRefundFailsAndEndsTheSaga() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(paymentRefunded())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    // --- the customer cancels

    @Test
    void cancellationBeforeCaptureWaitsForThePaymentsOutcome() {
        fixture.givenAPublished(stockReserved())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void captureAfterCancellationIsRefunded() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderCancelledWhilePending())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_CANCELLATION);
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void cancellationAfterCaptureRefundsThroughTheCompensationGateway() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_CANCELLATION);
        assertThat(compensations.sent()).containsExactly(new Sent(ORDER_ID, REFUND_AFTER_CANCELLATION));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void refundAfterCancellationEndsTheSaga() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .andThenAPublished(orderCancelledWhilePending())
               .whenPublishingA(paymentRefunded())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void cancellationOfAConfirmedOrderIsLeftToTheRefundPolicy() {
        // Only reachable if the confirmation has not ended this saga; the policy refunds, so the saga must not.
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderCancelledAfterConfirmation())
               .expectNoDispatchedCommands();
        assertThat(compensations.sent()).isEmpty();
    }

    // --- duplicates never refund or charge twice

    @Test
    void cancellationAfterARejectionDoesNotRefundAgain() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .andThenAPublished(orderRejected())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(compensations.sent()).containsExactly(new Sent(ORDER_ID, REFUND_AFTER_REJECTION));
    }

    @Test
    void redeliveredRejectionDoesNotRefundAgain() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .andThenAPublished(orderRejected())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void redeliveredCaptureAfterARejectionDoesNotRefundAgain() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
    }

    @Test
    void secondCloseOfTheOrderKeepsTheFirstReasonForTheRefund() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .andThenAPublished(orderCancelledWhilePending())
               .whenPublishingA(paymentCompleted())
               .expectDispatchedCommands(REFUND_AFTER_REJECTION);
    }

    @Test
    void redeliveredReservationDoesNotRequestPaymentAgain() {
        fixture.givenAPublished(stockReserved())
               .whenPublishingA(stockReserved())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
    }

    @Test
    void eventsOfAnotherOrderDoNotReachTheSaga() {
        fixture.givenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderRejected(OTHER_ORDER_ID))
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }
}
