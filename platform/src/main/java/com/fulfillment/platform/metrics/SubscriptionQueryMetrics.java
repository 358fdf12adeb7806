package com.fulfillment.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The gauge {@value #SUBSCRIPTIONS}: the subscription queries this process's query handlers hold open (an order's
 * event stream, a {@code POST /api/orders?waitSeconds=} waiting for its order to end). Every update a projection
 * emits is tested against each of them, so the figure should follow the clients that are waiting now; one that
 * only grows is a client, or a stream, that never lets go.
 */
@AutoConfiguration
@ConditionalOnClass({MeterBinder.class, QueryUpdateEmitter.class})
public class SubscriptionQueryMetrics {

    public static final String SUBSCRIPTIONS = "fulfillment.query.subscriptions";

    @Bean
    MeterBinder subscriptionQueryGauge(ObjectProvider<QueryUpdateEmitter> emitter) {
        return registry -> emitter.ifAvailable(updates -> Gauge
                .builder(SUBSCRIPTIONS, updates, open -> open.activeSubscriptions().size())
                .description("Subscription queries open in this process")
                .register(registry));
    }
}
