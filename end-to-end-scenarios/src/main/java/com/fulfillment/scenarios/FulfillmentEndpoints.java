package com.fulfillment.scenarios;

import java.net.URI;
import java.util.Objects;

/**
 * Where a runtime shape serves the REST API (the order commands, the catalogue commands and the queries) and who
 * calls it: a customer places, follows and cancels orders, the operator runs the catalogue. One app serves all
 * three in the standalone shape, and the gateway in the distributed one; three URLs still let a client address
 * the services behind it one by one.
 */
public record FulfillmentEndpoints(URI orders, URI catalogue, URI queries, Credentials customer, Credentials operator) {

    public FulfillmentEndpoints {
        Objects.requireNonNull(orders, "orders endpoint must not be null");
        Objects.requireNonNull(catalogue, "catalogue endpoint must not be null");
        Objects.requireNonNull(queries, "queries endpoint must not be null");
        Objects.requireNonNull(customer, "customer credentials must not be null");
        Objects.requireNonNull(operator, "operator credentials must not be null");
    }

    /** Everything served by one app at {@code baseUrl}, called by {@code customer} and {@code operator}. */
    public static FulfillmentEndpoints oneApp(String baseUrl, Credentials customer, Credentials operator) {
        URI base = URI.create(baseUrl);
        return new FulfillmentEndpoints(base, base, base, customer, operator);
    }
}
