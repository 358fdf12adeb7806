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
import com.fulfillment.query.StoredTime;
import com.fulfillment.query.api.FindProductQuery;
import com.fulfillment.query.api.FindProductsQuery;
import com.fulfillment.query.api.ProductView;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps the catalogue with each product's price and stock from the inventory context's product
 * events. Sequenced on the product id; every event comes from the product's own aggregate, so its
 * sequence number tells a redelivery apart.
 */
@Component
@ProcessingGroup(ProcessingGroups.PRODUCT_VIEW)
public class ProductViewProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    public ProductViewProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
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
        mongo.remove(new Query(), ProductDocument.class);
    }

    private void apply(ProductId productId, EventMessage<?> event, Consumer<ProductDocument> change) {
        ProductDocument product = mongo.findById(productId.value(), ProductDocument.class);
        if (product == null) {
            product = ProductDocument.startedBy(productId);
        }
        if (product.hasApplied(event)) {
            return;
        }
        change.accept(product);
        product.recorded(event);
        mongo.save(product);
        if (product.isListed()) {
            ProductView view = product.toView();
            updates.emit(FindProductQuery.class, query -> query.productId().equals(view.productId()), view);
            updates.emit(FindProductsQuery.class, query -> true, view);
        }
    }
}
