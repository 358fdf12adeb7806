package com.fulfillment.inventory;

import com.fulfillment.inventory.command.Product;
import com.fulfillment.inventory.policy.ReturnStockOnCancellationPolicy;
import com.fulfillment.inventory.query.CatalogueQueries;
import com.fulfillment.inventory.saga.StockReservationSaga;
import com.fulfillment.platform.deadletter.OrderDeadLetters;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Registers the inventory context with a plain Axon configuration: the {@link Product} aggregate, the
 * {@link StockReservationSaga} and the {@link ReturnStockOnCancellationPolicy}.
 *
 * <p>The saga and the policy take a {@link com.fulfillment.platform.CompensationGateway} as a handler
 * parameter; the runtime registers one (see {@code com.fulfillment.platform.CompensationModule}). Both park an
 * event that keeps failing per order ({@link OrderDeadLetters}).
 */
public class InventoryContextModule implements ConfigurerModule {

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(Product.class);
        configurer.eventProcessing()
                  .registerSaga(StockReservationSaga.class)
                  .registerEventHandler(c -> new ReturnStockOnCancellationPolicy());
        OrderDeadLetters.forSaga(configurer, StockReservationSaga.class, StockReservationSaga.PROCESSING_GROUP);
        OrderDeadLetters.forPolicies(configurer, ReturnStockOnCancellationPolicy.PROCESSING_GROUP);
        configurer.registerQueryHandler(c -> new CatalogueQueries(c.eventStore()));
    }
}
