package com.fulfillment.payment.saga;

import static com.fulfillment.payment.Orders.ORDER_ID;
import static com.fulfillment.payment.Orders.OTHER_ORDER_ID;
import static com.fulfillment.payment.Orders.TOTAL;
import static com.fulfillment.payment.Orders.orderCancelledAfterConfirmation;
import static com.fulfillment.payment.Orders.orderCancelledWhilePending;
import static com.fulfillment.payment.Orders.orderConfirmed;
import static com.fulfillment.payment.Orders.orderPlaced;
import static com.fulfillment.payment.Orders.orderRejected;
import static com.fulfillment.payment.Orders.stockRejected;
import static com.fulfillment.payment.Orders.stockReserved;
import static com.fulfillment.payment.Payments.PAYMENT_ID;
import static com.fulfillment.payment.Payments.paymentCompleted;
import static com.fulfillment.payment.Payments.paymentDeclined;
import static com.fulfillment.payment.Payments.paymentExpired;
import static com.fulfillment.payment.Payments.paymentFailed;
import static com.fulfillment.payment.Payments.paymentRefunded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fulfillment.kernel.FulfillmentStatus;
import com.fulfillment.payment.RecordingCompensationGateway;
import com.fulfillment.payment.RecordingCompensationGateway.Sent;
import com.fulfillment.payment.api.RefundPaymentCommand;
import com.fulfillment.payment.api.RequestPaymentCommand;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.test.saga.ContinuedGivenState;
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
    void placedOrderStartsTheSagaWithoutChargingAnything() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(orderPlaced())
               .expectActiveSagas(1)
               .expectAssociationWith(PaymentSaga.ORDER_ID, ORDER_ID)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void reservedStockOfAPlacedOrderRequestsPaymentOfTheTotal() {
        fixture.givenAPublished(orderPlaced())
               .whenPublishingA(stockReserved())
               .expectActiveSagas(1)
               .expectDispatchedCommands(new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, TOTAL));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void aPaymentRequestThatCannotBeDeliveredFailsTheReservationSoThatItIsHandledAgain() {
        AtomicInteger deliveries = new AtomicInteger();
        fixture.setCallbackBehavior((command, metaData) -> {
            if (deliveries.incrementAndGet() == 1) {
                throw new CommandDispatchException("Axon Server unreachable");
            }
            return null;
        });
        ContinuedGivenState placed = fixture.givenAPublished(orderPlaced());

        Throwable firstDelivery = catchThrowable(() -> placed.andThenAPublished(stockReserved()));

        assertThat(firstDelivery).hasStackTraceContaining("unreachable");
        placed.whenPublishingA(stockReserved())
              .expectSuccessfulHandlerExecution()
              .expectDispatchedCommands(new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, TOTAL));
    }

    @Test
    void aPaymentFoundAlreadyRequestedCountsAsRequested() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new AggregateStreamCreationException("payment " + PAYMENT_ID + " already exists");
        });

        fixture.givenAPublished(orderPlaced())
               .whenPublishingA(stockReserved())
               .expectSuccessfulHandlerExecution()
               .expectDispatchedCommands(new RequestPaymentCommand(PAYMENT_ID, ORDER_ID, TOTAL));
    }

    @Test
    void completedPaymentWaitsForTheOrderToBeConfirmed() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void confirmedOrderCompletesAndEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderConfirmed())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPLETED);
    }

    @Test
    void reservedStockOfAnOrderThisSagaNeverSawPlacedStartsNoSaga() {
        // The reservation may trail the order's closing in the stream; only the placement may start the saga.
        fixture.givenNoPriorActivity()
               .whenPublishingA(stockReserved(OTHER_ORDER_ID))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    @Test
    void closingEventsOfAnOrderThisSagaNeverSawPlacedStartNoSaga() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(orderRejected(OTHER_ORDER_ID))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    // --- the order closes before any payment was asked for

    @Test
    void rejectedStockFailsAndEndsTheSagaWithNothingCharged() {
        fixture.givenAPublished(orderPlaced())
               .whenPublishingA(stockRejected())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void cancellationBeforeTheStockIsReservedFailsAndEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void reservationArrivingAfterTheCancellationChargesNothing() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(orderCancelledWhilePending())
               .whenPublishingA(stockReserved())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    @Test
    void rejectionBeforeTheStockIsReservedFailsAndEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void reservationArrivingAfterTheRejectionChargesNothing() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(orderRejected())
               .whenPublishingA(stockReserved())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    // --- the payment takes no money

    @Test
    void declinedPaymentFailsAndEndsTheSagaWithNothingToUndo() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(paymentDeclined())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void providerFailureFailsAndEndsTheSagaWithNothingToUndo() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(paymentFailed())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    // --- the payment expires at the order's deadline

    @Test
    void expiredPaymentFailsAndEndsTheSagaWithNothingToUndo() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(paymentExpired())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void reservationArrivingAfterThePaymentExpiredChargesNothing() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(paymentExpired())
               .whenPublishingA(stockReserved())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    @Test
    void aPaymentRequestRefusedBecauseThePaymentAlreadyExpiredEndsWithTheExpiry() {
        // The payment was created expired between the reservation and its request: the request finds it.
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new AggregateStreamCreationException("payment " + PAYMENT_ID + " already exists");
        });

        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(paymentExpired())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    // --- the order is rejected (e.g. its payment expired)

    @Test
    void orderRejectedBeforeThePaymentsOutcomeWaitsForTheOutcome() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void paymentCompletedAfterTheOrderWasRejectedIsRefunded() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_REJECTION);
        assertThat(compensations.sent()).containsExactly(new Sent(ORDER_ID, REFUND_AFTER_REJECTION));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void paymentDeclinedAfterTheOrderWasRejectedEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .whenPublishingA(paymentDeclined())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void paymentFailedAfterTheOrderWasRejectedEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .whenPublishingA(paymentFailed())
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.FAILED);
    }

    @Test
    void orderRejectedAfterCaptureIsRefunded() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_REJECTION);
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void finishedRefundFailsAndEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
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
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }

    @Test
    void captureAfterCancellationIsRefunded() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(orderCancelledWhilePending())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_CANCELLATION);
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void cancellationAfterCaptureRefundsThroughTheCompensationGateway() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(1)
               .expectDispatchedCommands(REFUND_AFTER_CANCELLATION);
        assertThat(compensations.sent()).containsExactly(new Sent(ORDER_ID, REFUND_AFTER_CANCELLATION));
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void refundAfterCancellationEndsTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
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
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderCancelledAfterConfirmation())
               .expectNoDispatchedCommands();
        assertThat(compensations.sent()).isEmpty();
    }

    // --- duplicates never refund or charge twice

    @Test
    void cancellationAfterARejectionDoesNotRefundAgain() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .andThenAPublished(orderRejected())
               .whenPublishingA(orderCancelledWhilePending())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(compensations.sent()).containsExactly(new Sent(ORDER_ID, REFUND_AFTER_REJECTION));
    }

    @Test
    void redeliveredRejectionDoesNotRefundAgain() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .andThenAPublished(orderRejected())
               .whenPublishingA(orderRejected())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.COMPENSATING);
    }

    @Test
    void redeliveredCaptureAfterARejectionDoesNotRefundAgain() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(paymentCompleted())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
    }

    @Test
    void secondCloseOfTheOrderKeepsTheFirstReasonForTheRefund() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(orderRejected())
               .andThenAPublished(orderCancelledWhilePending())
               .whenPublishingA(paymentCompleted())
               .expectDispatchedCommands(REFUND_AFTER_REJECTION);
    }

    @Test
    void redeliveredReservationDoesNotRequestPaymentAgain() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .whenPublishingA(stockReserved())
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
    }

    @Test
    void eventsOfAnotherOrderDoNotReachTheSaga() {
        fixture.givenAPublished(orderPlaced())
               .andThenAPublished(stockReserved())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(orderRejected(OTHER_ORDER_ID))
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
        assertThat(saga.status()).isEqualTo(FulfillmentStatus.PENDING);
    }
}
