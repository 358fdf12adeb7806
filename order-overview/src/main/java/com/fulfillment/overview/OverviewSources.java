package com.fulfillment.overview;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where an overview's parts come from: in-process queries in the standalone app, HTTP calls to the services in
 * the gateway. Each call answers without blocking its caller; an empty answer means "no such thing" (which is not
 * a failure), a failed one that the part cannot be had.
 *
 * @param <O> the order view
 * @param <P> the payment's attempts
 * @param <A> one product's availability
 */
public interface OverviewSources<O, P, A> {

    CompletionStage<Optional<O>> order(String orderId);

    CompletionStage<Optional<P>> payment(String orderId);

    /** The products the order view names, each once. */
    List<String> productIds(O order);

    CompletionStage<Optional<A>> product(String productId);
}
