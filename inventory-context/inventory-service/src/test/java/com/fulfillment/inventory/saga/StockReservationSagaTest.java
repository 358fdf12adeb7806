package com.fulfillment.inventory.saga;

import static com.fulfillment.inventory.Orders.KEYBOARD;
import static com.fulfillment.inventory.Orders.MOUSE;
import static com.fulfillment.inventory.Orders.ORDER_ID;
import static com.fulfillment.inventory.Orders.SCREEN;
import static com.fulfillment.inventory.Orders.cancelledAfterConfirmation;
import static com.fulfillment.inventory.Orders.cancelledWhilePending;
import static com.fulfillment.inventory.Orders.confirmed;
import static com.fulfillment.inventory.Orders.line;
import static com.fulfillment.inventory.Orders.paymentDeclined;
import static com.fulfillment.inventory.Orders.paymentFailed;
import static com.fulfillment.inventory.Orders.placedOrder;
import static com.fulfillment.inventory.Orders.placedOrderWithoutLines;
import static com.fulfillment.inventory.Orders.rejected;
import static com.fulfillment.inventory.saga.Stock.commit;
import static com.fulfillment.inventory.saga.Stock.orderStockRejected;
import static com.fulfillment.inventory.saga.Stock.orderStockReserved;
import static com.fulfillment.inventory.saga.Stock.refused;
import static com.fulfillment.inventory.saga.Stock.release;
import static com.fulfillment.inventory.saga.Stock.released;
import static com.fulfillment.inventory.saga.Stock.reserve;
import static com.fulfillment.inventory.saga.Stock.reserved;
import static com.fulfillment.inventory.saga.Stock.shortage;

import com.fulfillment.inventory.api.ReserveStockCommand;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.platform.CompensationGateway;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StockReservationSagaTest {

    private SagaTestFixture<StockReservationSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(StockReservationSaga.class);
        fixture.registerResource(DefaultEventGateway.builder().eventBus(fixture.getEventBus()).build());
        // Compensations go out on the fixture's bus, so that they are recorded in order with the rest.
        fixture.registerResource((CompensationGateway) (orderId, command) ->
                fixture.getCommandBus().dispatch(GenericCommandMessage.asCommandMessage(command)));
    }

    private ContinuedGivenState givenEveryLineReserved() {
        return fixture.givenAPublished(placedOrder())
                      .andThenAPublished(reserved(KEYBOARD))
                      .andThenAPublished(reserved(MOUSE))
                      .andThenAPublished(reserved(SCREEN));
    }

    /** Products the command bus answers "not found" for, as a repository does for an unknown aggregate. */
    private void productsAreUnknown(ProductId... unknown) {
        Set<ProductId> missing = Set.of(unknown);
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand reserve && missing.contains(reserve.productId())) {
                throw new AggregateNotFoundException(reserve.productId().value(), "The aggregate was not found");
            }
            return null;
        });
    }

    @Nested
    class ReservingAnOrder {

        @Test
        void placingAnOrderReservesEveryLineInLineOrder() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(placedOrder())
                   .expectActiveSagas(1)
                   .expectAssociationWith(StockReservationSaga.ORDER_ID, ORDER_ID)
                   .expectDispatchedCommands(reserve(KEYBOARD), reserve(MOUSE), reserve(SCREEN))
                   .expectPublishedEvents();
        }

        @Test
        void reservingEveryLinePublishesThePricedLinesAndTheTotal() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(reserved(MOUSE))
                   .whenPublishingA(reserved(SCREEN))
                   .expectPublishedEvents(orderStockReserved())
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void pricedLinesKeepTheLineOrderWhateverOrderTheProductsAnswerIn() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(SCREEN))
                   .andThenAPublished(reserved(KEYBOARD))
                   .whenPublishingA(reserved(MOUSE))
                   .expectPublishedEvents(orderStockReserved());
        }

        @Test
        void nothingIsPublishedWhileALineIsStillUnanswered() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .whenPublishingA(reserved(MOUSE))
                   .expectPublishedEvents()
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void linesNamingTheSameProductAreReservedTogether() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(placedOrder(line(KEYBOARD, 2), line(MOUSE, 1), line(KEYBOARD, 3)))
                   .expectDispatchedCommands(new ReserveStockCommand(KEYBOARD, ORDER_ID, 5),
                                             new ReserveStockCommand(MOUSE, ORDER_ID, 1));
        }

        @Test
        void anOrderWithoutLinesEndsTheSagaWithNothingReserved() {
            fixture.givenNoPriorActivity()
                   .whenPublishingA(placedOrderWithoutLines())
                   .expectNoDispatchedCommands()
                   .expectPublishedEvents()
                   .expectActiveSagas(0);
        }
    }

    @Nested
    class ShortStock {

        @Test
        void oneLineOutOfStockReleasesTheReservedLinesInReverseOrder() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(refused(MOUSE, 0))
                   .whenPublishingA(reserved(SCREEN))
                   .expectDispatchedCommands(release(SCREEN), release(KEYBOARD))
                   .expectPublishedEvents(orderStockRejected(shortage(MOUSE, 0)))
                   .expectActiveSagas(1);
        }

        @Test
        void shortagesAreReportedInLineOrder() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(refused(SCREEN, 0))
                   .andThenAPublished(reserved(MOUSE))
                   .whenPublishingA(refused(KEYBOARD, 1))
                   .expectDispatchedCommands(release(MOUSE))
                   .expectPublishedEvents(orderStockRejected(shortage(KEYBOARD, 1), shortage(SCREEN, 0)));
        }

        @Test
        void theSagaWaitsUntilEveryReleasedLineIsReleased() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(refused(MOUSE, 0))
                   .andThenAPublished(reserved(SCREEN))
                   .whenPublishingA(released(SCREEN))
                   .expectActiveSagas(1)
                   .expectNoDispatchedCommands()
                   .expectPublishedEvents();
        }

        @Test
        void theSagaEndsOnceEveryReleasedLineIsReleased() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(refused(MOUSE, 0))
                   .andThenAPublished(reserved(SCREEN))
                   .andThenAPublished(released(SCREEN))
                   .whenPublishingA(released(KEYBOARD))
                   .expectActiveSagas(0)
                   .expectNoDispatchedCommands()
                   .expectPublishedEvents();
        }

        @Test
        void anOrderWithNothingReservedIsRejectedAndTheSagaEndsAtOnce() {
            fixture.givenAPublished(placedOrder(line(KEYBOARD, 2)))
                   .whenPublishingA(refused(KEYBOARD, 1))
                   .expectPublishedEvents(orderStockRejected(shortage(KEYBOARD, 1)))
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(0);
        }

        @Test
        void anUnknownProductIsAShortageWithNothingAvailable() {
            productsAreUnknown(MOUSE);
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .whenPublishingA(reserved(SCREEN))
                   .expectDispatchedCommands(release(SCREEN), release(KEYBOARD))
                   .expectPublishedEvents(orderStockRejected(new Shortage(MOUSE, 1, 0)))
                   .expectActiveSagas(1);
        }

        @Test
        void anUnknownProductDoesNotStopTheOtherLinesFromBeingReserved() {
            productsAreUnknown(MOUSE);
            fixture.givenNoPriorActivity()
                   .whenPublishingA(placedOrder())
                   .expectDispatchedCommands(reserve(KEYBOARD), reserve(MOUSE), reserve(SCREEN))
                   .expectPublishedEvents()
                   .expectActiveSagas(1);
        }

        @Test
        void anOrderOfUnknownProductsOnlyIsRejectedAtOnce() {
            productsAreUnknown(KEYBOARD, MOUSE, SCREEN);
            fixture.givenNoPriorActivity()
                   .whenPublishingA(placedOrder())
                   .expectDispatchedCommands(reserve(KEYBOARD), reserve(MOUSE), reserve(SCREEN))
                   .expectPublishedEvents(orderStockRejected(shortage(KEYBOARD, 0),
                                                             shortage(MOUSE, 0),
                                                             shortage(SCREEN, 0)))
                   .expectActiveSagas(0);
        }
    }

    @Nested
    class TheOrdersFate {

        @Test
        void confirmationSellsEveryLineAndEndsTheSaga() {
            givenEveryLineReserved()
                    .whenPublishingA(confirmed())
                    .expectDispatchedCommands(commit(KEYBOARD), commit(MOUSE), commit(SCREEN))
                    .expectPublishedEvents()
                    .expectActiveSagas(0);
        }

        @Test
        void aConfirmationBeforeTheStockIsReservedIsIgnored() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .whenPublishingA(confirmed())
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void aDeclinedPaymentReleasesEveryLineInReverseOrder() {
            givenEveryLineReserved()
                    .whenPublishingA(paymentDeclined())
                    .expectDispatchedCommands(release(SCREEN), release(MOUSE), release(KEYBOARD))
                    .expectPublishedEvents()
                    .expectActiveSagas(1);
        }

        @Test
        void aFailedPaymentReleasesEveryLineInReverseOrder() {
            givenEveryLineReserved()
                    .whenPublishingA(paymentFailed())
                    .expectDispatchedCommands(release(SCREEN), release(MOUSE), release(KEYBOARD))
                    .expectActiveSagas(1);
        }

        @Test
        void anOrderRejectedForAPaymentTimeoutReleasesEveryLine() {
            givenEveryLineReserved()
                    .whenPublishingA(rejected("payment not completed in time"))
                    .expectDispatchedCommands(release(SCREEN), release(MOUSE), release(KEYBOARD))
                    .expectActiveSagas(1);
        }

        @Test
        void aCancellationAfterTheReservationReleasesEveryLine() {
            givenEveryLineReserved()
                    .whenPublishingA(cancelledWhilePending())
                    .expectDispatchedCommands(release(SCREEN), release(MOUSE), release(KEYBOARD))
                    .expectPublishedEvents()
                    .expectActiveSagas(1);
        }

        @Test
        void theSagaEndsOnceEveryLineIsReleasedAfterADecline() {
            givenEveryLineReserved()
                    .andThenAPublished(paymentDeclined())
                    .andThenAPublished(released(SCREEN))
                    .andThenAPublished(released(MOUSE))
                    .whenPublishingA(released(KEYBOARD))
                    .expectActiveSagas(0)
                    .expectNoDispatchedCommands();
        }

        @Test
        void severalFailuresOfOneOrderReleaseItsStockOnce() {
            givenEveryLineReserved()
                    .andThenAPublished(paymentDeclined())
                    .whenPublishingA(rejected("payment declined: insufficient funds"))
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }

        @Test
        void theSoldStockOfACancelledConfirmedOrderIsLeftToTheReturnPolicy() {
            givenEveryLineReserved()
                    .whenPublishingA(cancelledAfterConfirmation())
                    .expectNoDispatchedCommands()
                    .expectActiveSagas(1);
        }
    }

    @Nested
    class CancellationWhileReserving {

        @Test
        void whatIsReservedSoFarIsReleased() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .whenPublishingA(cancelledWhilePending())
                   .expectDispatchedCommands(release(KEYBOARD))
                   .expectPublishedEvents()
                   .expectActiveSagas(1);
        }

        @Test
        void aReservationArrivingLaterIsReleasedAtOnceAndNoOutcomeIsPublished() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(cancelledWhilePending())
                   .andThenAPublished(reserved(MOUSE))
                   .whenPublishingA(reserved(SCREEN))
                   .expectDispatchedCommands(release(SCREEN))
                   .expectPublishedEvents()
                   .expectActiveSagas(1);
        }

        @Test
        void theSagaWaitsForEveryLineToBeAnswered() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(cancelledWhilePending())
                   .whenPublishingA(released(KEYBOARD))
                   .expectActiveSagas(1);
        }

        @Test
        void theSagaEndsWhenEveryLineIsAnsweredAndEveryReservedLineReleased() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(cancelledWhilePending())
                   .andThenAPublished(reserved(MOUSE))
                   .andThenAPublished(released(KEYBOARD))
                   .andThenAPublished(released(MOUSE))
                   .whenPublishingA(refused(SCREEN, 0))
                   .expectPublishedEvents()
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(0);
        }

        @Test
        void aRejectionWhileReservingReleasesWhatIsReservedSoFar() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(MOUSE))
                   .andThenAPublished(reserved(KEYBOARD))
                   .whenPublishingA(rejected("customer blocked"))
                   .expectDispatchedCommands(release(MOUSE), release(KEYBOARD))
                   .expectPublishedEvents();
        }
    }

    @Nested
    class Redelivery {

        @Test
        void aRepeatedOrderPlacementReservesNothingMore() {
            fixture.givenAPublished(placedOrder())
                   .whenPublishingA(placedOrder())
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void aRepeatedReservationPublishesTheOutcomeOnce() {
            givenEveryLineReserved()
                    .whenPublishingA(reserved(SCREEN))
                    .expectPublishedEvents()
                    .expectNoDispatchedCommands();
        }

        @Test
        void aRepeatedReservationDoesNotCompleteAnOrderThatStillWaitsForALine() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(reserved(MOUSE))
                   .whenPublishingA(reserved(MOUSE))
                   .expectPublishedEvents()
                   .expectNoDispatchedCommands();
        }

        @Test
        void aRepeatedReservationAfterCancellationIsReleasedOnce() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(cancelledWhilePending())
                   .whenPublishingA(reserved(KEYBOARD))
                   .expectNoDispatchedCommands();
        }

        @Test
        void aRepeatedRefusalRejectsTheOrderOnce() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(refused(MOUSE, 0))
                   .andThenAPublished(reserved(SCREEN))
                   .whenPublishingA(refused(MOUSE, 0))
                   .expectPublishedEvents()
                   .expectNoDispatchedCommands()
                   .expectActiveSagas(1);
        }

        @Test
        void stockReservedAfterARefusalOfTheSameLineIsReleased() {
            fixture.givenAPublished(placedOrder())
                   .andThenAPublished(refused(MOUSE, 0))
                   .andThenAPublished(reserved(KEYBOARD))
                   .andThenAPublished(reserved(SCREEN))
                   .whenPublishingA(reserved(MOUSE))
                   .expectDispatchedCommands(release(MOUSE))
                   .expectPublishedEvents()
                   .expectActiveSagas(1);
        }

        @Test
        void aRepeatedReleaseDoesNotEndTheSagaEarly() {
            givenEveryLineReserved()
                    .andThenAPublished(paymentDeclined())
                    .andThenAPublished(released(SCREEN))
                    .andThenAPublished(released(MOUSE))
                    .whenPublishingA(released(MOUSE))
                    .expectActiveSagas(1);
        }
    }
}
