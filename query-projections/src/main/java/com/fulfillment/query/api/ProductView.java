package com.fulfillment.query.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import java.time.Instant;

/**
 * One product of the catalogue: its price and stock. {@code onHand} is what the warehouse holds,
 * {@code reserved} the part of it held for orders, {@code available} the rest; {@code sold} counts what
 * left the warehouse and was not returned.
 */
public record ProductView(
        ProductId productId,
        String name,
        Money unitPrice,
        int onHand,
        int available,
        int reserved,
        int sold,
        Instant updatedAt) {}
