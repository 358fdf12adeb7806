package com.fulfillment.order;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.CancelOrderCommand;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.order.api.PlaceOrderCommand;
import java.util.List;
import java.util.stream.IntStream;

/** Orders, their lines and their events as the tests need them: one customer, one order, two lines. */
public final class Orders {

    public static final OrderId ORDER_ID = OrderId.of("order-1");
    public static final CustomerId CUSTOMER_ID = CustomerId.of("customer-1");
    public static final String REJECTION_REASON = "payment declined: card expired";
    public static final String CANCELLATION_REASON = "changed my mind";

    private Orders() {
    }

    public static OrderLine line(String productId, int quantity) {
        return new OrderLine(ProductId.of(productId), quantity);
    }

    public static List<OrderLine> lines(OrderLine... lines) {
        return List.of(lines);
    }

    /** {@code count} lines, each for a different product, one of each. */
    public static List<OrderLine> lines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> line("sku-" + i, 1)).toList();
    }

    public static List<OrderLine> someLines() {
        return lines(line("sku-1", 2), line("sku-2", 1));
    }

    public static PlaceOrderCommand placeOrder() {
        return placeOrder(someLines());
    }

    public static PlaceOrderCommand placeOrder(List<OrderLine> lines) {
        return new PlaceOrderCommand(ORDER_ID, CUSTOMER_ID, lines);
    }

    public static OrderPlacedEvent placedOrder() {
        return placedOrder(someLines());
    }

    public static OrderPlacedEvent placedOrder(List<OrderLine> lines) {
        return new OrderPlacedEvent(ORDER_ID, CUSTOMER_ID, lines);
    }

    public static OrderConfirmedEvent confirmedOrder() {
        return new OrderConfirmedEvent(ORDER_ID);
    }

    public static OrderRejectedEvent rejectedOrder() {
        return new OrderRejectedEvent(ORDER_ID, REJECTION_REASON);
    }

    public static CancelOrderCommand cancelOrder() {
        return new CancelOrderCommand(ORDER_ID, CANCELLATION_REASON);
    }

    public static OrderCancelledEvent cancelledOrder() {
        return cancelledOrder(OrderStatus.PENDING);
    }

    public static OrderCancelledEvent cancelledOrder(OrderStatus previousStatus) {
        return new OrderCancelledEvent(ORDER_ID, CANCELLATION_REASON, previousStatus, someLines());
    }
}
