package com.fulfillment.inventory.command;

import static com.fulfillment.inventory.command.Products.KEYBOARD;
import static com.fulfillment.inventory.command.Products.NAME;
import static com.fulfillment.inventory.command.Products.NEW_PRICE;
import static com.fulfillment.inventory.command.Products.ORDER;
import static com.fulfillment.inventory.command.Products.OTHER_ORDER;
import static com.fulfillment.inventory.command.Products.PRICE;
import static com.fulfillment.inventory.command.Products.STOCK;
import static com.fulfillment.inventory.command.Products.addKeyboard;
import static com.fulfillment.inventory.command.Products.changePrice;
import static com.fulfillment.inventory.command.Products.commit;
import static com.fulfillment.inventory.command.Products.keyboardAdded;
import static com.fulfillment.inventory.command.Products.priceChanged;
import static com.fulfillment.inventory.command.Products.refused;
import static com.fulfillment.inventory.command.Products.release;
import static com.fulfillment.inventory.command.Products.released;
import static com.fulfillment.inventory.command.Products.reserve;
import static com.fulfillment.inventory.command.Products.reserved;
import static com.fulfillment.inventory.command.Products.restock;
import static com.fulfillment.inventory.command.Products.restocked;
import static com.fulfillment.inventory.command.Products.returnStock;
import static com.fulfillment.inventory.command.Products.returned;
import static com.fulfillment.inventory.command.Products.sold;
import static org.hamcrest.Matchers.containsString;

import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.kernel.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProductTest {

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    @Nested
    class AddingAProduct {

        @Test
        void addingAProductRecordsItsNamePriceAndStock() {
            fixture.givenNoPriorActivity()
                   .when(addKeyboard())
                   .expectEvents(keyboardAdded());
        }

        @Test
        void aProductMayStartWithNoStock() {
            fixture.givenNoPriorActivity()
                   .when(addKeyboard(0))
                   .expectEvents(keyboardAdded(0));
        }

        @Test
        void aProductNeedsAName() {
            fixture.givenNoPriorActivity()
                   .when(new AddProductCommand(KEYBOARD, "  ", PRICE, STOCK))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("name must not be blank"));
        }

        @Test
        void aProductNeedsAPositivePrice() {
            fixture.givenNoPriorActivity()
                   .when(new AddProductCommand(KEYBOARD, NAME, Money.zero("EUR"), STOCK))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("unit price must be positive"));
        }

        @Test
        void initialStockCannotBeNegative() {
            fixture.givenNoPriorActivity()
                   .when(addKeyboard(-1))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("initial stock must not be negative"));
        }
    }

    @Nested
    class RestockingAndPricing {

        @Test
        void restockingAddsToTheStockOnHand() {
            fixture.given(keyboardAdded())
                   .when(restock(5))
                   .expectEvents(restocked(5));
        }

        @Test
        void restockedStockCanBeReserved() {
            fixture.given(keyboardAdded(0), restocked(3))
                   .when(reserve(ORDER, 3))
                   .expectEvents(reserved(ORDER, 3));
        }

        @Test
        void restockingNothingIsRefused() {
            fixture.given(keyboardAdded())
                   .when(restock(0))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("restocked quantity must be positive"));
        }

        @Test
        void changingThePriceRecordsThePreviousAndTheNewPrice() {
            fixture.given(keyboardAdded())
                   .when(changePrice(NEW_PRICE))
                   .expectEvents(priceChanged(PRICE, NEW_PRICE));
        }

        @Test
        void changingToTheSamePriceChangesNothing() {
            fixture.given(keyboardAdded())
                   .when(changePrice(Money.of("49.9", "EUR")))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void thePriceCannotDropToZero() {
            fixture.given(keyboardAdded())
                   .when(changePrice(Money.zero("EUR")))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("unit price must be positive"));
        }

        @Test
        void thePriceKeepsItsCurrency() {
            fixture.given(keyboardAdded())
                   .when(changePrice(Money.of("49.90", "USD")))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("must stay in EUR"));
        }
    }

    @Nested
    class ReservingStock {

        @Test
        void reservingAvailableStockReservesItAtTheCurrentPrice() {
            fixture.given(keyboardAdded())
                   .when(reserve(ORDER, 4))
                   .expectEvents(reserved(ORDER, 4, PRICE));
        }

        @Test
        void aReservationAfterAPriceChangeUsesTheNewPrice() {
            fixture.given(keyboardAdded(), priceChanged(PRICE, NEW_PRICE))
                   .when(reserve(ORDER, 4))
                   .expectEvents(reserved(ORDER, 4, NEW_PRICE));
        }

        @Test
        void everythingAvailableCanBeReserved() {
            fixture.given(keyboardAdded(), reserved(OTHER_ORDER, 6))
                   .when(reserve(ORDER, 4))
                   .expectEvents(reserved(ORDER, 4));
        }

        @Test
        void reservationIsRefusedWithWhatIsAvailableWhenStockIsInsufficient() {
            fixture.given(keyboardAdded(), reserved(OTHER_ORDER, 6))
                   .when(reserve(ORDER, 5))
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(refused(ORDER, 5, 4));
        }

        @Test
        void aRefusedReservationHoldsNothing() {
            fixture.given(keyboardAdded(2), refused(ORDER, 3, 2), restocked(1))
                   .when(reserve(ORDER, 3))
                   .expectEvents(reserved(ORDER, 3));
        }

        @Test
        void reservingNothingIsRejected() {
            fixture.given(keyboardAdded())
                   .when(reserve(ORDER, 0))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("reserved quantity must be positive"));
        }

        @Test
        void aRepeatedReservationForTheSameOrderChangesNothing() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4))
                   .when(reserve(ORDER, 4))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void aReservationRepeatedAfterTheSaleChangesNothing() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4))
                   .when(reserve(ORDER, 4))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void anOrderThatHoldsStockCannotReserveADifferentQuantity() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4))
                   .when(reserve(ORDER, 5))
                   .expectNoEvents()
                   .expectException(IllegalStateException.class)
                   .expectExceptionMessage(containsString("already holds 4"));
        }
    }

    @Nested
    class ReleasingStock {

        @Test
        void releasingGivesBackWhatTheOrderReserved() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4))
                   .when(release(ORDER))
                   .expectEvents(released(ORDER, 4));
        }

        @Test
        void releasedStockCanBeReservedByAnotherOrder() {
            fixture.given(keyboardAdded(), reserved(ORDER, 10), released(ORDER, 10))
                   .when(reserve(OTHER_ORDER, 10))
                   .expectEvents(reserved(OTHER_ORDER, 10));
        }

        @Test
        void releasingWhatWasNeverReservedChangesNothing() {
            fixture.given(keyboardAdded(), reserved(OTHER_ORDER, 4))
                   .when(release(ORDER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void releasingTwiceReleasesOnce() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), released(ORDER, 4))
                   .when(release(ORDER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }
    }

    @Nested
    class SellingStock {

        @Test
        void committingTurnsTheReservationIntoASale() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4))
                   .when(commit(ORDER))
                   .expectEvents(sold(ORDER, 4));
        }

        @Test
        void soldStockLeavesTheWarehouse() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4))
                   .when(reserve(OTHER_ORDER, 7))
                   .expectEvents(refused(OTHER_ORDER, 7, 6));
        }

        @Test
        void aSaleNoLongerHoldsAReservation() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4))
                   .when(release(ORDER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void committingTwiceSellsOnce() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4))
                   .when(commit(ORDER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void committingWithoutAReservationIsRejected() {
            fixture.given(keyboardAdded())
                   .when(commit(ORDER))
                   .expectNoEvents()
                   .expectException(IllegalStateException.class)
                   .expectExceptionMessage(containsString("has no reservation of product sku-keyboard to commit"));
        }

        @Test
        void committingAReleasedReservationIsRejected() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), released(ORDER, 4))
                   .when(commit(ORDER))
                   .expectNoEvents()
                   .expectException(IllegalStateException.class)
                   .expectExceptionMessage(containsString("has no reservation"));
        }
    }

    @Nested
    class ReturningStock {

        @Test
        void returningPutsWhatWasSoldBackOnHand() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4))
                   .when(returnStock(ORDER))
                   .expectEvents(returned(ORDER, 4));
        }

        @Test
        void returnedStockCanBeReservedAgain() {
            fixture.given(keyboardAdded(), reserved(ORDER, 10), sold(ORDER, 10), returned(ORDER, 10))
                   .when(reserve(OTHER_ORDER, 10))
                   .expectEvents(reserved(OTHER_ORDER, 10));
        }

        @Test
        void returningTwiceReturnsOnce() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4), returned(ORDER, 4))
                   .when(returnStock(ORDER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void aCommitRetriedAfterTheReturnChangesNothing() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4), sold(ORDER, 4), returned(ORDER, 4))
                   .when(commit(ORDER))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void returningWhatWasNeverSoldIsRejected() {
            fixture.given(keyboardAdded())
                   .when(returnStock(ORDER))
                   .expectNoEvents()
                   .expectException(IllegalStateException.class)
                   .expectExceptionMessage(containsString("nothing of product sku-keyboard was sold to order order-1"));
        }

        @Test
        void aReturnThatOvertakesItsCommitSellsAndReturnsTheReservation() {
            fixture.given(keyboardAdded(), reserved(ORDER, 4))
                   .when(returnStock(ORDER))
                   .expectEvents(sold(ORDER, 4), returned(ORDER, 4));
        }
    }
}
