package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** A product was added to the catalogue. */
@Revision("1")
public record ProductAddedEvent(
        ProductId productId,
        String name,
        Money unitPrice,
        int initialStock) {}
