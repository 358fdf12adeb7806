package com.fulfillment.order;

import com.fulfillment.order.command.Order;
import com.fulfillment.order.query.OrderStatusQueries;
import com.fulfillment.order.saga.OrderFulfillmentSaga;
import com.fulfillment.order.saga.OrderTimeouts;
import com.fulfillment.platform.aggregate.EventSourcedAggregates;
import com.fulfillment.platform.deadletter.OrderDeadLetters;
import java.util.Objects;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * The order context on a plain Axon configuration: the {@link Order} aggregate, the
 * {@link OrderFulfillmentSaga} (processing group {@value OrderFulfillmentSaga#PROCESSING_GROUP}) and the
 * {@link OrderTimeouts} its handlers take as a parameter.
 */
public class OrderContextModule implements ConfigurerModule {

    private final OrderTimeouts timeouts;

    public OrderContextModule(OrderTimeouts timeouts) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts must not be null");
    }

    public OrderContextModule() {
        this(OrderTimeouts.defaults());
    }

    @Override
    public void configureModule(Configurer configurer) {
        // An order has a handful of events in its life: cached while it is busy, never snapshotted.
        configurer.configureAggregate(EventSourcedAggregates.cached(Order.class));
        configurer.eventProcessing().registerSaga(OrderFulfillmentSaga.class);
        OrderDeadLetters.forSaga(configurer, OrderFulfillmentSaga.class, OrderFulfillmentSaga.PROCESSING_GROUP);
        configurer.registerComponent(OrderTimeouts.class, c -> timeouts);
        configurer.registerQueryHandler(c -> new OrderStatusQueries(c.eventStore()));
        configurer.eventProcessing().registerEventHandler(c -> new OrderStatusQueries(c.eventStore()));
    }
}
