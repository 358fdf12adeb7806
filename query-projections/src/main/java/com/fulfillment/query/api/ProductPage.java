package com.fulfillment.query.api;

import java.util.List;

/** One page of the catalogue, ordered by product name, with how many products there are in all. */
public record ProductPage(
        List<ProductView> products,
        int page,
        int size,
        long totalProducts,
        int totalPages) {}
