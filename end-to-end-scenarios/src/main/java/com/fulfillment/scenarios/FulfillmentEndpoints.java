package com.fulfillment.scenarios;

import java.net.URI;
import java.util.Objects;

/**
 * Where a runtime shape serves the REST API: the order commands, the catalogue commands and the queries.
 * One app serves all three in the standalone shape, and the gateway in the distributed one; three URLs still
 * let a client address the services behind it one by one.
 */
public record FulfillmentEndpoints(URI orders, URI catalogue, URI queries) {

    public FulfillmentEndpoints {
        Objects.requireNonNull(orders, "orders endpoint must not be null");
        Objects.requireNonNull(catalogue, "catalogue endpoint must not be null");
        Objects.requireNonNull(queries, "queries endpoint must not be null");
    }

    /** Everything served by one app at {@code baseUrl}. */
    public static FulfillmentEndpoints oneApp(String baseUrl) {
        URI base = URI.create(baseUrl);
        return new FulfillmentEndpoints(base, base, base);
    }
}
