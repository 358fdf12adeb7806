package com.fulfillment.order;

import static com.fulfillment.order.Orders.ORDER_ID;

import com.fulfillment.inventory.api.OrderStockRejectedEvent;
import com.fulfillment.inventory.api.Shortage;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.payment.api.PaymentCompletedEvent;
import com.fulfillment.payment.api.PaymentDeclinedEvent;
import com.fulfillment.payment.api.PaymentExpiredEvent;
import com.fulfillment.payment.api.PaymentFailedEvent;
import com.fulfillment.payment.api.PaymentId;
import java.util.List;

/** What inventory and payment publish about {@link Orders#ORDER_ID}, as the order context receives it. */
public final class FulfillmentOutcomes {

    public static final PaymentId PAYMENT_ID = PaymentId.forOrder(ORDER_ID);

    private FulfillmentOutcomes() {
    }

    public static Shortage shortage(String productId, int requested, int available) {
        return new Shortage(ProductId.of(productId), requested, available);
    }

    public static OrderStockRejectedEvent stockRejected(Shortage... shortages) {
        return new OrderStockRejectedEvent(ORDER_ID, List.of(shortages));
    }

    public static PaymentCompletedEvent paymentCompleted() {
        return new PaymentCompletedEvent(PAYMENT_ID, ORDER_ID, Money.of("25.97", "EUR"), "provider-ref-1");
    }

    public static PaymentDeclinedEvent paymentDeclined(String reason) {
        return new PaymentDeclinedEvent(PAYMENT_ID, ORDER_ID, reason);
    }

    public static PaymentExpiredEvent paymentExpired(String reason) {
        return new PaymentExpiredEvent(PAYMENT_ID, ORDER_ID, reason);
    }

    public static PaymentFailedEvent paymentFailed(String reason) {
        return new PaymentFailedEvent(PAYMENT_ID, ORDER_ID, reason);
    }
}
