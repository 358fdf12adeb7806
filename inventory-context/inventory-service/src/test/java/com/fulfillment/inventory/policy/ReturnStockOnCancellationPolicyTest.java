package com.fulfillment.inventory.policy;

import static com.fulfillment.inventory.Orders.KEYBOARD;
import static com.fulfillment.inventory.Orders.MOUSE;
import static com.fulfillment.inventory.Orders.ORDER_ID;
import static com.fulfillment.inventory.Orders.SCREEN;
import static com.fulfillment.inventory.Orders.cancelledAfterConfirmation;
import static com.fulfillment.inventory.Orders.cancelledWhilePending;
import static com.fulfillment.inventory.Orders.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.api.ReturnStockCommand;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.platform.CompensationGateway;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnStockOnCancellationPolicyTest {

    private final ReturnStockOnCancellationPolicy policy = new ReturnStockOnCancellationPolicy();
    private final List<Object> sent = new ArrayList<>();
    private final List<OrderId> sentFor = new ArrayList<>();
    private final CompensationGateway compensationGateway = (orderId, command) -> {
        sentFor.add(orderId);
        sent.add(command);
    };

    @Test
    void cancellingAConfirmedOrderReturnsEveryLineInReverseOrder() {
        policy.on(cancelledAfterConfirmation(), compensationGateway);

        assertThat(sent).containsExactly(new ReturnStockCommand(SCREEN, ORDER_ID),
                                         new ReturnStockCommand(MOUSE, ORDER_ID),
                                         new ReturnStockCommand(KEYBOARD, ORDER_ID));
        assertThat(sentFor).containsOnly(ORDER_ID);
    }

    @Test
    void cancellingAPendingOrderReturnsNothingBecauseTheSagaReleasesIt() {
        policy.on(cancelledWhilePending(), compensationGateway);

        assertThat(sent).isEmpty();
    }

    @Test
    void aProductOnTwoLinesIsReturnedOnce() {
        policy.on(new OrderCancelledEvent(ORDER_ID, "changed my mind", OrderStatus.CONFIRMED,
                                          List.of(line(KEYBOARD, 2), line(MOUSE, 1), line(KEYBOARD, 3))),
                  compensationGateway);

        assertThat(sent).containsExactly(new ReturnStockCommand(MOUSE, ORDER_ID),
                                         new ReturnStockCommand(KEYBOARD, ORDER_ID));
    }
}
