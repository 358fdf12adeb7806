package com.fulfillment.query.api;

import com.fulfillment.kernel.ProductId;
import java.util.Objects;

/** Asks for one product of the catalogue with its stock figures; answered by an {@code Optional<ProductView>}. */
public record FindProductQuery(ProductId productId) {

    public FindProductQuery {
        Objects.requireNonNull(productId, "product id must not be null");
    }
}
