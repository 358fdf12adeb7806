package com.fulfillment.query.api;

import java.util.List;

/** One page of orders, newest first, with how many orders match in all. */
public record OrderPage(
        List<OrderSummary> orders,
        int page,
        int size,
        long totalOrders,
        int totalPages) {}
