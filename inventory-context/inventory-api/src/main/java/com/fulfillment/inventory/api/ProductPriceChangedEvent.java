package com.fulfillment.inventory.api;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import org.axonframework.serialization.Revision;

/** A product's unit price changed. */
@Revision("1")
public record ProductPriceChangedEvent(
        ProductId productId,
        Money previousPrice,
        Money newPrice) {}
