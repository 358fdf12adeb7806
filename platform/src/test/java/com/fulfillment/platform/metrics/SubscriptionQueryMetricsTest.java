package com.fulfillment.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The gauge follows the subscription queries held open: up as they are opened, down as they end. */
class SubscriptionQueryMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsTheSubscriptionsOpenNow() {
        QueryUpdateEmitter emitter = SimpleQueryUpdateEmitter.builder().build();
        runner().withBean(QueryUpdateEmitter.class, () -> emitter).run(context -> {
            context.getBean(MeterBinder.class).bindTo(registry);
            assertThat(subscriptions()).isZero();

            UpdateHandlerRegistration<String> first = emitter.registerUpdateHandler(subscription("a"), 8);
            UpdateHandlerRegistration<String> second = emitter.registerUpdateHandler(subscription("b"), 8);
            assertThat(subscriptions()).isEqualTo(2);

            first.getRegistration().cancel();
            assertThat(subscriptions()).isEqualTo(1);
            second.getRegistration().cancel();
            assertThat(subscriptions()).isZero();
        });
    }

    @Test
    void aProcessWithoutQueryHandlersHasNoGauge() {
        runner().run(context -> {
            context.getBean(MeterBinder.class).bindTo(registry);
            assertThat(registry.find(SubscriptionQueryMetrics.SUBSCRIPTIONS).gauge()).isNull();
        });
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SubscriptionQueryMetrics.class));
    }

    private double subscriptions() {
        return registry.get(SubscriptionQueryMetrics.SUBSCRIPTIONS).gauge().value();
    }

    private static GenericSubscriptionQueryMessage<String, String, String> subscription(String payload) {
        return new GenericSubscriptionQueryMessage<>(payload, ResponseTypes.instanceOf(String.class),
                                                     ResponseTypes.instanceOf(String.class));
    }
}
