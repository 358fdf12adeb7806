package com.fulfillment.order.command;

import static com.fulfillment.order.Orders.CANCELLATION_REASON;
import static com.fulfillment.order.Orders.CUSTOMER_ID;
import static com.fulfillment.order.Orders.ORDER_ID;
import static com.fulfillment.order.Orders.cancelOrder;
import static com.fulfillment.order.Orders.cancelledOrder;
import static com.fulfillment.order.Orders.confirmedOrder;
import static com.fulfillment.order.Orders.line;
import static com.fulfillment.order.Orders.lines;
import static com.fulfillment.order.Orders.placeOrder;
import static com.fulfillment.order.Orders.placedOrder;
import static com.fulfillment.order.Orders.rejectedOrder;
import static com.fulfillment.order.Orders.someLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.CancelOrderCommand;
import com.fulfillment.order.api.ConfirmOrderCommand;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.PlaceOrderCommand;
import com.fulfillment.order.api.RejectOrderCommand;
import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final String REASON = "out of stock: sku-1 (requested 2, available 0)";

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Nested
    class Placing {

        @Test
        void aValidOrderIsPlacedWithItsLines() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder())
                   .expectSuccessfulHandlerExecution()
                   .expectEvents(placedOrder());
        }

        @Test
        void anOrderOfExactlyFiftyLinesIsPlaced() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(50)))
                   .expectEvents(placedOrder(lines(50)));
        }

        @Test
        void anOrderOfFiftyOneLinesIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(51)))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("at most 50 lines, this one has 51"));
        }

        @Test
        void anOrderWithoutLinesIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(0)))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("at least 1 line"));
        }

        @Test
        void anOrderWhoseLinesAreMissingAltogetherIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(null))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("at least 1 line"));
        }

        @Test
        void anOrderWithoutCustomerIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(new PlaceOrderCommand(ORDER_ID, null, someLines()))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("needs a customer id"));
        }

        @Test
        void anOrderWithoutIdIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(new PlaceOrderCommand(null, CUSTOMER_ID, someLines()))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("needs an order id"));
        }

        @Test
        void aLineOfExactlyOneThousandIsPlaced() {
            List<OrderLine> lines = lines(line("sku-1", 1000));

            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines))
                   .expectEvents(placedOrder(lines));
        }

        @Test
        void aLineOfExactlyOneIsPlaced() {
            List<OrderLine> lines = lines(line("sku-1", 1));

            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines))
                   .expectEvents(placedOrder(lines));
        }

        @Test
        void aLineOfQuantityZeroIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(line("sku-1", 2), line("sku-2", 0))))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString(
                           "order line 2 (sku-2): quantity must be between 1 and 1000, was 0"));
        }

        @Test
        void aLineOfMoreThanOneThousandIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(line("sku-1", 1001))))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("quantity must be between 1 and 1000, was 1001"));
        }

        @Test
        void aLineOfNegativeQuantityIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(line("sku-1", -3))))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("quantity must be between 1 and 1000, was -3"));
        }

        @Test
        void twoLinesForTheSameProductAreRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(line("sku-1", 2), line("sku-2", 1), line("sku-1", 3))))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("product sku-1 is on more than one line"));
        }

        @Test
        void aMissingLineIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(Arrays.asList(line("sku-1", 2), null)))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("order line 2 is missing"));
        }

        @Test
        void aLineWithoutProductIsRefused() {
            fixture.givenNoPriorActivity()
                   .when(placeOrder(lines(line("sku-1", 2), new OrderLine(null, 1))))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("order line 2 names no product"));
        }
    }

    @Nested
    class Confirming {

        @Test
        void aPendingOrderIsConfirmed() {
            fixture.given(placedOrder())
                   .when(new ConfirmOrderCommand(ORDER_ID))
                   .expectEvents(new OrderConfirmedEvent(ORDER_ID));
        }

        @Test
        void aConfirmedOrderIsNotConfirmedTwice() {
            fixture.given(placedOrder(), confirmedOrder())
                   .when(new ConfirmOrderCommand(ORDER_ID))
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is CONFIRMED and can no longer be confirmed");
        }

        @Test
        void aRejectedOrderCannotBeConfirmed() {
            fixture.given(placedOrder(), rejectedOrder())
                   .when(new ConfirmOrderCommand(ORDER_ID))
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is REJECTED and can no longer be confirmed");
        }

        @Test
        void aCancelledOrderCannotBeConfirmed() {
            fixture.given(placedOrder(), cancelledOrder())
                   .when(new ConfirmOrderCommand(ORDER_ID))
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is CANCELLED and can no longer be confirmed");
        }
    }

    @Nested
    class Rejecting {

        @Test
        void aPendingOrderIsRejectedForTheGivenReason() {
            fixture.given(placedOrder())
                   .when(new RejectOrderCommand(ORDER_ID, REASON))
                   .expectEvents(new OrderRejectedEvent(ORDER_ID, REASON));
        }

        @Test
        void aRejectionWithoutReasonIsRefused() {
            fixture.given(placedOrder())
                   .when(new RejectOrderCommand(ORDER_ID, null))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("needs a reason"));
        }

        @Test
        void aRejectionWithABlankReasonIsRefused() {
            fixture.given(placedOrder())
                   .when(new RejectOrderCommand(ORDER_ID, "  "))
                   .expectNoEvents()
                   .expectException(IllegalArgumentException.class)
                   .expectExceptionMessage(containsString("needs a reason"));
        }

        @Test
        void aConfirmedOrderCannotBeRejected() {
            fixture.given(placedOrder(), confirmedOrder())
                   .when(new RejectOrderCommand(ORDER_ID, REASON))
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is CONFIRMED and can no longer be rejected");
        }

        @Test
        void aRejectedOrderIsNotRejectedTwice() {
            fixture.given(placedOrder(), rejectedOrder())
                   .when(new RejectOrderCommand(ORDER_ID, REASON))
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is REJECTED and can no longer be rejected");
        }

        @Test
        void aCancelledOrderCannotBeRejected() {
            fixture.given(placedOrder(), cancelledOrder())
                   .when(new RejectOrderCommand(ORDER_ID, REASON))
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is CANCELLED and can no longer be rejected");
        }
    }

    @Nested
    class Cancelling {

        @Test
        void aPendingOrderIsCancelledWithItsLinesSoOthersKnowWhatToGiveBack() {
            fixture.given(placedOrder())
                   .when(cancelOrder())
                   .expectEvents(new OrderCancelledEvent(ORDER_ID, CANCELLATION_REASON, OrderStatus.PENDING,
                                                         someLines()));
        }

        @Test
        void aConfirmedOrderIsCancelledAndSaysItHadBeenConfirmed() {
            fixture.given(placedOrder(), confirmedOrder())
                   .when(cancelOrder())
                   .expectEvents(new OrderCancelledEvent(ORDER_ID, CANCELLATION_REASON, OrderStatus.CONFIRMED,
                                                         someLines()));
        }

        @Test
        void aCancellationWithoutReasonIsRecordedAsTheCustomers() {
            fixture.given(placedOrder())
                   .when(new CancelOrderCommand(ORDER_ID, null))
                   .expectEvents(new OrderCancelledEvent(ORDER_ID, Order.DEFAULT_CANCELLATION_REASON,
                                                         OrderStatus.PENDING, someLines()));
        }

        @Test
        void theCustomerWhoPlacedAnOrderMayCancelIt() {
            fixture.given(placedOrder())
                   .when(new CancelOrderCommand(ORDER_ID, CANCELLATION_REASON, CUSTOMER_ID))
                   .expectEvents(new OrderCancelledEvent(ORDER_ID, CANCELLATION_REASON, OrderStatus.PENDING,
                                                         someLines()));
        }

        @Test
        void anotherCustomerCannotCancelAnOrderAndLearnsNotEvenThatItExists() {
            fixture.given(placedOrder())
                   .when(new CancelOrderCommand(ORDER_ID, CANCELLATION_REASON, CustomerId.of("someone-else")))
                   .expectNoEvents()
                   .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aCancelledOrderIsNotCancelledTwice() {
            fixture.given(placedOrder(), cancelledOrder())
                   .when(cancelOrder())
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is CANCELLED and can no longer be cancelled");
        }

        @Test
        void aRejectedOrderCannotBeCancelled() {
            fixture.given(placedOrder(), rejectedOrder())
                   .when(cancelOrder())
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is REJECTED and can no longer be cancelled");
        }

        @Test
        void aConfirmedThenCancelledOrderIsNotCancelledAgain() {
            fixture.given(placedOrder(), confirmedOrder(), cancelledOrder(OrderStatus.CONFIRMED))
                   .when(cancelOrder())
                   .expectNoEvents()
                   .expectException(OrderStateException.class)
                   .expectExceptionMessage("order order-1 is CANCELLED and can no longer be cancelled");
        }
    }

    @Test
    void theRefusalCarriesTheOrderAndItsStatusForTheRestLayer() {
        OrderStateException refusal = new OrderStateException(OrderId.of("o-1"), OrderStatus.REJECTED, "cancelled");

        assertThat(refusal).isInstanceOf(IllegalStateException.class)
                           .hasMessage("order o-1 is REJECTED and can no longer be cancelled");
        assertThat(refusal.orderId()).isEqualTo(OrderId.of("o-1"));
        assertThat(refusal.status()).isEqualTo(OrderStatus.REJECTED);
    }
}
