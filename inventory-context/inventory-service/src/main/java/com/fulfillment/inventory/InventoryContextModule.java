package com.fulfillment.inventory;

import com.fulfillment.inventory.command.Product;
import com.fulfillment.inventory.policy.ReturnStockOnCancellationPolicy;
import com.fulfillment.inventory.query.CatalogueQueries;
import com.fulfillment.inventory.saga.StockReservationSaga;
import com.fulfillment.platform.aggregate.EventSourcedAggregates;
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
 *
 * <p>A product gets two events from every order of it, so a bestseller's history keeps growing: it is cached
 * and snapshotted (see {@link EventSourcedAggregates}).
 */
public class InventoryContextModule implements ConfigurerModule {

    /**
     * Events between two snapshots of a product: few enough that a load replays little, many enough that writing
     * the snapshot of a product with a long history (it holds what every order took of it) stays rare. A starting
     * point, to be tuned with the hot-product benchmark (BENCHMARKS.md).
     */
    public static final int DEFAULT_PRODUCT_SNAPSHOT_THRESHOLD = 1000;

    private final int productSnapshotThreshold;

    public InventoryContextModule(int productSnapshotThreshold) {
        this.productSnapshotThreshold = productSnapshotThreshold;
    }

    public InventoryContextModule() {
        this(DEFAULT_PRODUCT_SNAPSHOT_THRESHOLD);
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureAggregate(EventSourcedAggregates.cachedAndSnapshotted(Product.class,
                                                                                  productSnapshotThreshold));
        configurer.eventProcessing()
                  .registerSaga(StockReservationSaga.class)
                  .registerEventHandler(c -> new ReturnStockOnCancellationPolicy());
        OrderDeadLetters.forSaga(configurer, StockReservationSaga.class, StockReservationSaga.PROCESSING_GROUP);
        OrderDeadLetters.forPolicies(configurer, ReturnStockOnCancellationPolicy.PROCESSING_GROUP);
        configurer.registerQueryHandler(c -> new CatalogueQueries(c.eventStore()));
    }
}
