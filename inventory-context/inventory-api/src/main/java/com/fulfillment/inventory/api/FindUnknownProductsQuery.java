package com.fulfillment.inventory.api;

import com.fulfillment.kernel.ProductId;
import java.util.Set;

/** Asks which of the given products are not in the catalogue; answered with {@link UnknownProducts}. */
public record FindUnknownProductsQuery(Set<ProductId> productIds) {
}
