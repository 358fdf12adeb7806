package com.fulfillment.inventory.api;

import com.fulfillment.kernel.ProductId;
import java.util.List;

/**
 * The answer to {@link FindUnknownProductsQuery}: the asked products that are not in the catalogue, by id.
 * A record rather than a bare list, so that the ids keep their type when the answer is serialized to JSON
 * between services (a list would arrive as a list of strings).
 */
public record UnknownProducts(List<ProductId> productIds) {

    public UnknownProducts {
        productIds = List.copyOf(productIds);
    }
}
