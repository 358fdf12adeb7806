package com.fulfillment.payment.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fulfillment.kernel.OrderId;
import java.util.Objects;

/**
 * Identifies the payment of an order. There is one payment per order, so its id is derived from the
 * order id: a redelivered reservation outcome can never open a second payment, and a refund can be
 * addressed without looking anything up.
 */
public record PaymentId(@JsonValue String value) {

    private static final String PREFIX = "payment-";

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PaymentId {
        Objects.requireNonNull(value, "payment id must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("payment id must not be blank");
        }
    }

    public static PaymentId forOrder(OrderId orderId) {
        return new PaymentId(PREFIX + orderId.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
