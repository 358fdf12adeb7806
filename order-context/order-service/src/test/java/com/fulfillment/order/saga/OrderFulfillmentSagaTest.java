package com.fulfillment.order.saga;

import static com.fulfillment.order.FulfillmentOutcomes.paymentCompleted;
import static com.fulfillment.order.FulfillmentOutcomes.PAYMENT_ID;
import static com.fulfillment.order.FulfillmentOutcomes.paymentDeclined;
import static com.fulfillment.order.FulfillmentOutcomes.paymentExpired;
import static com.fulfillment.order.FulfillmentOutcomes.paymentFailed;
import static com.fulfillment.order.FulfillmentOutcomes.shortage;
import static com.fulfillment.order.FulfillmentOutcomes.stockRejected;
import static com.fulfillment.order.Orders.ORDER_ID;
import static com.fulfillment.order.Orders.cancelledOrder;
import static com.fulfillment.order.Orders.confirmedOrder;
import static com.fulfillment.order.Orders.placedOrder;
import static com.fulfillment.order.Orders.rejectedOrder;
import static com.fulfillment.order.saga.OrderFulfillmentSaga.PAYMENT_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.order.api.ConfirmOrderCommand;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.RejectOrderCommand;
import com.fulfillment.order.command.OrderStateException;
import com.fulfillment.payment.api.ExpirePaymentCommand;
import com.fulfillment.payment.api.PaymentStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OrderFulfillmentSagaTest {

    private static final Duration PAYMENT_TIMEOUT = OrderTimeouts.defaults().paymentTimeout();
    private static final String EXPIRY_REASON = "not completed within PT30S";
    private static final RejectOrderCommand REJECTION_FOR_TIMEOUT =
            new RejectOrderCommand(ORDER_ID, "payment timeout: " + EXPIRY_REASON);

    private final Logger sagaLog = (Logger) LoggerFactory.getLogger(OrderFulfillmentSaga.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private SagaTestFixture<OrderFulfillmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfillmentSaga.class);
        fixture.registerResource(OrderTimeouts.defaults());
        logged.start();
        sagaLog.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        sagaLog.detachAppender(logged);
    }

    @Test
    void placingAnOrderStartsTheSagaAndSchedulesThePaymentDeadline() {
        fixture.givenNoPriorActivity()
               .whenPublishingA(placedOrder())
               .expectActiveSagas(1)
               .expectAssociationWith(OrderFulfillmentSaga.ORDER_ID, ORDER_ID)
               .expectScheduledDeadlineWithName(PAYMENT_TIMEOUT, PAYMENT_DEADLINE)
               .expectScheduledDeadline(PAYMENT_TIMEOUT, new PaymentDeadline(PAYMENT_TIMEOUT))
               .expectNoDispatchedCommands();
    }

    @Test
    void thePaymentDeadlineFollowsTheConfiguredTimeout() {
        SagaTestFixture<OrderFulfillmentSaga> patient = new SagaTestFixture<>(OrderFulfillmentSaga.class);
        patient.registerResource(new OrderTimeouts(Duration.ofMinutes(5)));

        patient.givenAPublished(placedOrder())
               .whenTimeElapses(Duration.ofMinutes(5))
               .expectTriggeredDeadlinesWithName(PAYMENT_DEADLINE)
               .expectDispatchedCommands(new ExpirePaymentCommand(PAYMENT_ID, ORDER_ID, "not completed within PT5M"));
    }

    @Test
    void aCompletedPaymentConfirmsTheOrder() {
        fixture.givenAPublished(placedOrder())
               .whenPublishingA(paymentCompleted())
               .expectDispatchedCommands(new ConfirmOrderCommand(ORDER_ID))
               .expectActiveSagas(1);
    }

    @Test
    void theConfirmedOrderEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(confirmedOrder())
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void aStockShortageRejectsTheOrderNamingEveryShortage() {
        fixture.givenAPublished(placedOrder())
               .whenPublishingA(stockRejected(shortage("sku-1", 5, 2), shortage("sku-2", 1, 0)))
               .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID,
                       "out of stock: sku-1 (requested 5, available 2), sku-2 (requested 1, available 0)"));
    }

    @Test
    void aDeclinedPaymentRejectsTheOrder() {
        fixture.givenAPublished(placedOrder())
               .whenPublishingA(paymentDeclined("card expired"))
               .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID, "payment declined: card expired"));
    }

    @Test
    void aFailedPaymentRejectsTheOrder() {
        fixture.givenAPublished(placedOrder())
               .whenPublishingA(paymentFailed("provider unavailable"))
               .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID, "payment failed: provider unavailable"));
    }

    @Test
    void whenTheDeadlinePassesThePaymentIsAskedToExpireAndTheOrderIsNotRejectedYet() {
        fixture.givenAPublished(placedOrder())
               .whenTimeElapses(PAYMENT_TIMEOUT)
               .expectTriggeredDeadlinesWithName(PAYMENT_DEADLINE)
               .expectDispatchedCommands(new ExpirePaymentCommand(PAYMENT_ID, ORDER_ID, EXPIRY_REASON))
               .expectActiveSagas(1);
    }

    @Test
    void thePaymentRecordingItsExpiryRejectsTheOrderForTimingOut() throws Exception {
        fixture.givenAPublished(placedOrder())
               .andThenTimeElapses(PAYMENT_TIMEOUT)
               .whenPublishingA(paymentExpired(EXPIRY_REASON))
               .expectDispatchedCommands(REJECTION_FOR_TIMEOUT);
    }

    @Test
    void aPaymentCapturedInTimeButSeenAfterTheDeadlineConfirmsTheOrder() throws Exception {
        // The payment answers the expiry with the capture it recorded before: the saga had not seen it yet.
        fixture.setCallbackBehavior((command, metaData) -> PaymentStatus.COMPLETED);

        fixture.givenAPublished(placedOrder())
               .andThenTimeElapses(PAYMENT_TIMEOUT)
               .whenPublishingA(paymentCompleted())
               .expectDispatchedCommands(new ConfirmOrderCommand(ORDER_ID));
    }

    @Test
    void aPaymentDeclinedBeforeTheDeadlineButSeenAfterItRejectsTheOrderForTheDecline() throws Exception {
        fixture.setCallbackBehavior((command, metaData) -> PaymentStatus.DECLINED);

        fixture.givenAPublished(placedOrder())
               .andThenTimeElapses(PAYMENT_TIMEOUT)
               .whenPublishingA(paymentDeclined("card expired"))
               .expectDispatchedCommands(new RejectOrderCommand(ORDER_ID, "payment declined: card expired"));
    }

    @Test
    void anExpiryOfAPaymentThatWasNeverRequestedRejectsTheOrderSoThatItsReservationIsReleased() throws Exception {
        // No stock reservation reached payment before the deadline: the payment is created expired.
        fixture.setCallbackBehavior((command, metaData) -> PaymentStatus.EXPIRED);

        fixture.givenAPublished(placedOrder())
               .andThenTimeElapses(PAYMENT_TIMEOUT)
               .whenPublishingA(paymentExpired(EXPIRY_REASON))
               .expectDispatchedCommands(REJECTION_FOR_TIMEOUT);
    }

    @Test
    void anExpiryRecordedAfterTheOrderWasConfirmedSendsNothing() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(paymentExpired(EXPIRY_REASON))
               .expectNoDispatchedCommands();
    }

    @Test
    void aStockShortageSeenAfterTheDeadlineRejectsTheOrderForTheShortageNotTheTimeout() throws Exception {
        fixture.givenAPublished(placedOrder())
               .andThenTimeElapses(PAYMENT_TIMEOUT)
               .andThenAPublished(stockRejected(shortage("sku-1", 5, 2)))
               .whenPublishingA(paymentExpired(EXPIRY_REASON))
               .expectNoDispatchedCommands();
    }

    @Test
    void anOrderIsNotRejectedBeforeItsDeadline() {
        fixture.givenAPublished(placedOrder())
               .whenTimeElapses(PAYMENT_TIMEOUT.minusSeconds(1))
               .expectTriggeredDeadlinesWithName()
               .expectNoDispatchedCommands()
               .expectScheduledDeadlineWithName(Duration.ofSeconds(1), PAYMENT_DEADLINE);
    }

    @Test
    void theRejectedOrderEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(paymentDeclined("card expired"))
               .whenPublishingA(rejectedOrder())
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void aCustomerCancellingBeforePaymentEndsTheSaga() {
        fixture.givenAPublished(placedOrder())
               .whenPublishingA(cancelledOrder())
               .expectActiveSagas(0)
               .expectNoScheduledDeadlines()
               .expectNoDispatchedCommands();
    }

    @Test
    void aCancelledOrderIsNotRejectedWhenItsDeadlineWouldHavePassed() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(cancelledOrder())
               .whenTimeElapses(PAYMENT_TIMEOUT)
               .expectTriggeredDeadlinesWithName()
               .expectNoDispatchedCommands();
    }

    @Test
    void aPaymentCompletedTwiceConfirmsTheOrderOnce() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(paymentCompleted())
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void aStockRejectionReceivedTwiceRejectsTheOrderOnce() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(stockRejected(shortage("sku-1", 5, 2)))
               .whenPublishingA(stockRejected(shortage("sku-1", 5, 2)))
               .expectNoDispatchedCommands();
    }

    @Test
    void aPaymentCompletedAfterTheTimeoutRejectionSendsNothing() throws Exception {
        fixture.givenAPublished(placedOrder())
               .andThenTimeElapses(PAYMENT_TIMEOUT)
               .andThenAPublished(paymentExpired(EXPIRY_REASON))
               .whenPublishingA(paymentCompleted())
               .expectNoDispatchedCommands()
               .expectActiveSagas(1);
    }

    @Test
    void aPaymentDeclinedAfterTheConfirmationWasSentSendsNothing() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(paymentCompleted())
               .whenPublishingA(paymentDeclined("card expired"))
               .expectNoDispatchedCommands();
    }

    @Test
    void theDeadlinePassingAfterTheConfirmationWasSentSendsNothing() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(paymentCompleted())
               .whenTimeElapses(PAYMENT_TIMEOUT)
               .expectNoDispatchedCommands();
    }

    @Test
    void aRedeliveredOrderPlacedEventSchedulesNoSecondDeadline() {
        fixture.givenAPublished(placedOrder())
               .andThenAPublished(placedOrder())
               .whenTimeElapses(PAYMENT_TIMEOUT)
               .expectActiveSagas(1)
               .expectTriggeredDeadlinesWithName(PAYMENT_DEADLINE);
    }

    @Test
    void aConfirmationTheOrderRefusesIsLoggedWithTheOrderAndLeavesTheSagaToTheOrdersEvents() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new OrderStateException(ORDER_ID, OrderStatus.CANCELLED, "confirmed");
        });

        fixture.givenAPublished(placedOrder())
               .whenPublishingA(paymentCompleted())
               .expectSuccessfulHandlerExecution()
               .expectDispatchedCommands(new ConfirmOrderCommand(ORDER_ID))
               .expectActiveSagas(1);

        assertThat(logged.list)
                .filteredOn(event -> event.getLevel() == Level.INFO)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .contains("order-1", "ConfirmOrderCommand", "can no longer be confirmed");
    }

    @Test
    void aDecisionThatCannotBeDeliveredFailsItsEventSoThatTheEventIsHandledAgain() {
        AtomicInteger deliveries = new AtomicInteger();
        fixture.setCallbackBehavior((command, metaData) -> {
            if (deliveries.incrementAndGet() == 1) {
                throw new CommandDispatchException("Axon Server unreachable");
            }
            return null;
        });
        ContinuedGivenState placed = fixture.givenAPublished(placedOrder());

        Throwable firstDelivery = catchThrowable(() -> placed.andThenAPublished(paymentCompleted()));

        assertThat(firstDelivery).hasStackTraceContaining("unreachable");
        // The event is delivered again, as its processor does after a failure: the decision is sent again.
        placed.whenPublishingA(paymentCompleted())
              .expectSuccessfulHandlerExecution()
              .expectDispatchedCommands(new ConfirmOrderCommand(ORDER_ID));
        assertThat(deliveries).hasValue(2);
    }

    @Test
    void anExpiryThatCannotBeDeliveredWhenTheDeadlineFiresFailsTheDeadlineSoThatItRunsAgain() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new CommandDispatchException("Axon Server unreachable");
        });

        Throwable thrown = catchThrowable(() -> fixture.givenAPublished(placedOrder())
                                                       .whenTimeElapses(PAYMENT_TIMEOUT));

        assertThat(thrown).hasStackTraceContaining("unreachable");
    }

    @Test
    void theSagaStateSurvivesTheJsonRoundTripOfItsStore() throws Exception {
        DeadlineManager deadlineManager = mock(DeadlineManager.class);
        when(deadlineManager.schedule(any(Duration.class), eq(PAYMENT_DEADLINE), any())).thenReturn("deadline-1");
        OrderFulfillmentSaga saga = new OrderFulfillmentSaga();
        saga.on(placedOrder(), OrderTimeouts.defaults(), deadlineManager);
        ObjectMapper json = new ObjectMapper();

        String stored = json.writeValueAsString(saga);
        String restoredAndStoredAgain = json.writeValueAsString(json.readValue(stored, OrderFulfillmentSaga.class));

        assertThat(stored).contains("\"orderId\":\"order-1\"", "\"paymentDeadlineId\":\"deadline-1\"",
                                    "\"status\":\"PENDING\"", "\"decision\":\"UNDECIDED\"");
        assertThat(restoredAndStoredAgain).isEqualTo(stored);
    }
}
