package com.fulfillment.payment;

import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.OrderStockReservedEvent;
import com.fulfillment.inventory.api.PricedLine;
import com.fulfillment.inventory.api.Shortage;
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
import java.util.List;

/** Object mother for what the order and inventory contexts publish about the order being paid. */
public final class Orders {

    public static final OrderId ORDER_ID = OrderId.of("order-1");
    public static final OrderId OTHER_ORDER_ID = OrderId.of("order-2");
    public static final CustomerId CUSTOMER_ID = CustomerId.of("customer-1");
    public static final ProductId PRODUCT_ID = ProductId.of("sku-kettle");
    public static final int QUANTITY = 2;
    public static final Money UNIT_PRICE = Money.of("29.95", "EUR");
    public static final Money TOTAL = Money.of("59.90", "EUR");
    public static final String REJECTION_REASON = "payment not completed in time";
    public static final String CANCELLATION_REASON = "changed my mind";

    private Orders() {
    }

    public static OrderPlacedEvent orderPlaced() {
        return orderPlaced(ORDER_ID);
    }

    public static OrderPlacedEvent orderPlaced(OrderId orderId) {
        return new OrderPlacedEvent(orderId, CUSTOMER_ID, List.of(new OrderLine(PRODUCT_ID, QUANTITY)));
    }

    public static OrderStockReservedEvent stockReserved() {
        return stockReserved(ORDER_ID);
    }

    public static OrderStockReservedEvent stockReserved(OrderId orderId) {
        return new OrderStockReservedEvent(orderId,
                                           List.of(new PricedLine(PRODUCT_ID, QUANTITY, UNIT_PRICE, TOTAL)),
                                           TOTAL);
    }

    public static OrderStockRejectedEvent stockRejected() {
        return new OrderStockRejectedEvent(ORDER_ID, List.of(new Shortage(PRODUCT_ID, QUANTITY, 1)));
    }

    public static OrderConfirmedEvent orderConfirmed() {
        return new OrderConfirmedEvent(ORDER_ID);
    }

    public static OrderRejectedEvent orderRejected() {
        return orderRejected(ORDER_ID);
    }

    public static OrderRejectedEvent orderRejected(OrderId orderId) {
        return new OrderRejectedEvent(orderId, REJECTION_REASON);
    }

    public static OrderCancelledEvent orderCancelledWhilePending() {
        return orderCancelled(OrderStatus.PENDING);
    }

    public static OrderCancelledEvent orderCancelledAfterConfirmation() {
        return orderCancelled(OrderStatus.CONFIRMED);
    }

    private static OrderCancelledEvent orderCancelled(OrderStatus previousStatus) {
        return new OrderCancelledEvent(ORDER_ID, CANCELLATION_REASON, previousStatus,
                                       List.of(new OrderLine(PRODUCT_ID, QUANTITY)));
    }
}
