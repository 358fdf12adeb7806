package com.fulfillment.order.web;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.OrderId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where new order ids come from. A client's {@code Idempotency-Key} maps to the same id every time, so a
 * retried request addresses the order the first attempt created instead of creating a second one.
 */
public interface OrderIds {

    OrderId next();

    default OrderId forIdempotencyKey(CustomerId customerId, String idempotencyKey) {
        String seed = customerId.value() + '\n' + idempotencyKey;
        return OrderId.of("order-" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Random ids, the production default. */
    static OrderIds random() {
        return () -> OrderId.of("order-" + UUID.randomUUID());
    }
}
