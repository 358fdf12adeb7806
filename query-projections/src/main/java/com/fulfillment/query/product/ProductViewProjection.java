package com.fulfillment.query.product;

import com.fulfillment.inventory.api.ProductAddedEvent;
import com.fulfillment.inventory.api.ProductPriceChangedEvent;
import com.fulfillment.inventory.api.ProductRestockedEvent;
import com.fulfillment.inventory.api.StockReleasedEvent;
import com.fulfillment.inventory.api.StockReservedEvent;
import com.fulfillment.inventory.api.StockReturnedEvent;
import com.fulfillment.inventory.api.StockSoldEvent;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.query.ProcessingGroups;
import com.fulfillment.query.ProjectionProperties;
import com.fulfillment.query.ReadModelIndexes;
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.FindProductsQuery;
import com.fulfillment.query.api.ProductView;
import com.fulfillment.query.batch.BatchedWrites;
import com.fulfillment.query.batch.DocumentBatch;
import com.fulfillment.query.batch.DocumentCollection;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the catalogue with each product's price and stock from the inventory context's product
 * events. Sequenced on the product id; every event comes from the product's own aggregate, so its
 * sequence number tells a redelivery apart. A batch of events is folded into its products in memory
 * and each product written once, when the batch ends.
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCT_VIEW)
public class ProductViewProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;
    private final DocumentCollection<ProductDocument> products;

    public ProductViewProjection(MongoTemplate mongo, QueryUpdateEmitter updates, ProjectionProperties settings) {
        this.mongo = mongo;
        this.updates = updates;
        this.products = new DocumentCollection<>(mongo, ProductDocument.class,
                                                 id -> ProductDocument.startedBy(ProductId.of(id)),
                                                 settings.documentCache());
    }

    @EventHandler
    void on(ProductAddedEvent event, EventMessage<?> message) {
        apply(event.productId(), message,
              product -> product.added(event.name(), event.unitPrice(), event.initialStock(), StoredTime.of(message)));
    }

    @EventHandler
    void on(ProductRestockedEvent event, EventMessage<?> message) {
        apply(event.productId(), message, product -> product.restocked(event.quantity()));
    }

    @EventHandler
    void on(ProductPriceChangedEvent event, EventMessage<?> message) {
        apply(event.productId(), message, product -> product.repriced(event.newPrice()));
    }

    @EventHandler
    void on(StockReservedEvent event, EventMessage<?> message) {
        apply(event.productId(), message, product -> product.reserved(event.quantity()));
    }

    @EventHandler
    void on(StockReleasedEvent event, EventMessage<?> message) {
        apply(event.productId(), message, product -> product.released(event.quantity()));
    }

    @EventHandler
    void on(StockSoldEvent event, EventMessage<?> message) {
        apply(event.productId(), message, product -> product.sold(event.quantity()));
    }

    @EventHandler
    void on(StockReturnedEvent event, EventMessage<?> message) {
        apply(event.productId(), message, product -> product.returned(event.quantity()));
    }

    @ResetHandler
    void reset() {
        ReadModelIndexes.emptied(mongo, ProductDocument.class);
        products.forgetAll();
        ProductViewQueries.createIndexes(mongo);
    }

    private void apply(ProductId productId, EventMessage<?> event, Consumer<ProductDocument> change) {
        BatchedWrites.<DocumentBatch<ProductDocument>>into(
                this, () -> new DocumentBatch<>(products, this::publication),
                batch -> batch.add(productId.value(), event, product -> {
                    change.accept(product);
                    product.recorded(event);
                }));
    }

    /**
     * Taken when a change is applied, sent once the product is written. Whether anyone subscribed is for the emitter
     * to find once the batch has committed: one who subscribes before then read the product without the change.
     */
    private Runnable publication(ProductDocument product) {
        if (!product.isListed()) {
            return null;
        }
        ProductView view = product.toView();
        return () -> {
            updates.emit(FindProductQuery.class, query -> query.productId().equals(view.productId()), view);
            updates.emit(FindProductsQuery.class, query -> true, view);
        };
    }
}
