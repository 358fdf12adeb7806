package com.fulfillment.query.api;

import com.fulfillment.kernel.CustomerId;
import java.util.Objects;

/** Asks for a customer's totals and one page of their orders, newest first; answered by an {@code Optional<CustomerView>}. */
public record FindCustomerQuery(CustomerId customerId, int page, int size) {

    public FindCustomerQuery {
        Objects.requireNonNull(customerId, "customer id must not be null");
        Paging.requireValid(page, size);
    }

    public static FindCustomerQuery firstPage(CustomerId customerId) {
        return new FindCustomerQuery(customerId, 0, Paging.DEFAULT_SIZE);
    }
}
