package com.fulfillment.query.api;

/**
 * Asks for a page of the catalogue, ordered by product name; answered by a {@link ProductPage}. A
 * subscriber is sent the {@link ProductView} of each product that changes.
 */
public record FindProductsQuery(int page, int size) {

    public FindProductsQuery {
        Paging.requireValid(page, size);
    }
}
