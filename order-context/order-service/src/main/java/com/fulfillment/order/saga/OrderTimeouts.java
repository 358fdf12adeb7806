package com.fulfillment.order.saga;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the order context waits for others before it gives up on an order.
 *
 * @param paymentTimeout time from placing an order to its payment completing; after it a still-pending
 *                       order is rejected, so stock is never held for a customer who does not pay
 */
public record OrderTimeouts(Duration paymentTimeout) {

    public OrderTimeouts {
        Objects.requireNonNull(paymentTimeout, "payment timeout must not be null");
        if (paymentTimeout.isNegative() || paymentTimeout.isZero()) {
            throw new IllegalArgumentException("payment timeout must be positive, was " + paymentTimeout);
        }
    }

    public static OrderTimeouts defaults() {
        return new OrderTimeouts(Duration.ofSeconds(30));
    }
}
