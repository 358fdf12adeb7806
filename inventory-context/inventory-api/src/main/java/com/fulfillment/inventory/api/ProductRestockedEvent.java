package com.fulfillment.inventory.api;

import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** Stock of a product was added to what is on hand. */
@Revision("1")
public record ProductRestockedEvent(
        ProductId productId,
        int quantity) {}
