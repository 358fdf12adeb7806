package com.fulfillment.query.api;

import com.fulfillment.kernel.OrderId;
import java.util.Objects;

/** Asks for everything known about one order; answered by an {@code Optional<OrderView>}. */
public record FindOrderQuery(OrderId orderId) {

    public FindOrderQuery {
        Objects.requireNonNull(orderId, "order id must not be null");
    }
}
