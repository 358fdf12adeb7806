package com.fulfillment.query.api;

import com.fulfillment.kernel.CustomerId;
import com.fulfillment.order.api.OrderStatus;

/**
 * Asks for a page of orders, newest first, optionally only one customer's and only those in one
 * status ({@code null} leaves a filter out); answered by an {@link OrderPage}. A subscriber is sent the
 * {@link OrderSummary} of each order of the selected customer that changes, whatever its status now,
 * so that it can also drop an order that left the status it filters on.
 */
public record FindOrdersQuery(CustomerId customerId, OrderStatus status, int page, int size) {

    public FindOrdersQuery {
        Paging.requireValid(page, size);
    }

    /** Whether an order with this customer belongs to the orders this query selects by customer. */
    public boolean concernsCustomer(CustomerId candidate) {
        return customerId == null || customerId.equals(candidate);
    }
}
