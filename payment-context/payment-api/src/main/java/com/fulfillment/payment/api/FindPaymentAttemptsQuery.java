package com.fulfillment.payment.api;

import com.fulfillment.kernel.OrderId;
import java.util.Objects;

/** Asks how an order's payment is going at the provider; answered by an {@code Optional<PaymentAttemptsView>}. */
public record FindPaymentAttemptsQuery(OrderId orderId) {

    public FindPaymentAttemptsQuery {
        Objects.requireNonNull(orderId, "order id must not be null");
    }
}
