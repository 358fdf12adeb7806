package com.fulfillment.inventory;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.order.api.OrderCancelledEvent;
import com.fulfillment.order.api.OrderConfirmedEvent;
import com.fulfillment.order.api.OrderLine;
import com.fulfillment.order.api.OrderPlacedEvent;
import com.fulfillment.order.api.OrderRejectedEvent;
import com.fulfillment.order.api.OrderStatus;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import java.util.List;

/**
 * Object mother for what the other contexts tell inventory about one order: two keyboards, a mouse and
 * a screen, and the order's possible fates.
 */
public final class Orders {

    public static final OrderId ORDER_ID = OrderId.of("order-42");
    public static final CustomerId CUSTOMER = CustomerId.of("customer-7");

    public static final ProductId KEYBOARD = ProductId.of("sku-keyboard");
    public static final ProductId MOUSE = ProductId.of("sku-mouse");
    public static final ProductId SCREEN = ProductId.of("sku-screen");
    public static final Money KEYBOARD_PRICE = Money.of("49.90", "EUR");
    public static final Money MOUSE_PRICE = Money.of("19.99", "EUR");
    public static final Money SCREEN_PRICE = Money.of("199.00", "EUR");
    public static final int KEYBOARDS = 2;
    public static final int MICE = 1;
    public static final int SCREENS = 1;

    private Orders() {
    }

    public static OrderLine line(ProductId product, int quantity) {
        return new OrderLine(product, quantity);
    }

    /** Keyboards, then a mouse, then a screen: line order matters to reservations and releases. */
    public static List<OrderLine> lines() {
        return List.of(line(KEYBOARD, KEYBOARDS), line(MOUSE, MICE), line(SCREEN, SCREENS));
    }

    public static OrderPlacedEvent placedOrder() {
        return new OrderPlacedEvent(ORDER_ID, CUSTOMER, lines());
    }

    public static OrderPlacedEvent placedOrder(OrderLine... lines) {
        return new OrderPlacedEvent(ORDER_ID, CUSTOMER, List.of(lines));
    }

    public static OrderPlacedEvent placedOrderWithoutLines() {
        return new OrderPlacedEvent(ORDER_ID, CUSTOMER, List.of());
    }

    public static OrderConfirmedEvent confirmed() {
        return new OrderConfirmedEvent(ORDER_ID);
    }

    public static OrderRejectedEvent rejected(String reason) {
        return new OrderRejectedEvent(ORDER_ID, reason);
    }

    public static OrderCancelledEvent cancelledWhilePending() {
        return new OrderCancelledEvent(ORDER_ID, "changed my mind", OrderStatus.PENDING, lines());
    }

    public static OrderCancelledEvent cancelledAfterConfirmation() {
        return new OrderCancelledEvent(ORDER_ID, "changed my mind", OrderStatus.CONFIRMED, lines());
    }

    public static PaymentDeclinedEvent paymentDeclined() {
        return new PaymentDeclinedEvent(PaymentId.forOrder(ORDER_ID), ORDER_ID, "insufficient funds");
    }

    public static PaymentFailedEvent paymentFailed() {
        return new PaymentFailedEvent(PaymentId.forOrder(ORDER_ID), ORDER_ID, "provider unreachable");
    }
}
