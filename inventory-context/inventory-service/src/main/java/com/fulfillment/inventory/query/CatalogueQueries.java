package com.fulfillment.inventory.query;

import com.fulfillment.inventory.api.FindUnknownProductsQuery;
import com.fulfillment.inventory.api.UnknownProducts;
import com.fulfillment.kernel.ProductId;
import java.util.Comparator;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Answers whether products are in the catalogue from the event store itself: a product exists exactly when
 * its event stream does. Unlike a projection this is never behind, so an order can be refused for naming an
 * unknown product in the same request that would otherwise place it.
 */
public class CatalogueQueries {

    private final EventStore eventStore;

    public CatalogueQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    public UnknownProducts handle(FindUnknownProductsQuery query) {
        return new UnknownProducts(query.productIds().stream()
                .filter(productId -> eventStore.lastSequenceNumberFor(productId.value()).isEmpty())
                .sorted(Comparator.comparing(ProductId::value))
                .toList());
    }
}
