package com.fulfillment.query.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.kernel.Money;
import java.time.Instant;
import java.util.List;

/**
 * A customer's totals and one page of their orders, newest first. {@code confirmedOrders} counts the
 * orders confirmed and not cancelled since; {@code spent} is what was charged and not refunded, one
 * amount per currency.
 */
public record CustomerView(
        CustomerId customerId,
        long totalOrders,
        long confirmedOrders,
        List<Money> spent,
        Instant lastOrderAt,
        List<CustomerOrder> orders,
        int page,
        int size,
        int totalPages) {}
