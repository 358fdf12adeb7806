package com.fulfillment.standalone;

import com.fulfillment.inventory.InventoryContextModule;
import com.fulfillment.order.OrderContextModule;
import com.fulfillment.order.saga.OrderTimeouts;
import com.fulfillment.order.web.OrderIds;
import com.fulfillment.payment.PaymentContextModule;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.http.ProviderApi;
import com.fulfillment.paymentsimulator.SimulatedProvider;
import io.micrometer.observation.ObservationRegistry;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the three contexts into the Spring-managed Axon configuration. The contexts register themselves
 * through their plain-Axon modules, exactly as the in-process tests do; this class only supplies what
 * the runtime decides: timeouts, the payment provider, and how the provider's API reaches the simulator. How
 * compensations and failed handlers are retried is platform's
 * {@link com.fulfillment.platform.CommandHandlingConfiguration}, shared with the distributed services.
 */
@Configuration(proxyBeanMethods = false)
class ContextsConfiguration {

    @Bean
    OrderTimeouts orderTimeouts(FulfillmentProperties properties) {
        return new OrderTimeouts(properties.paymentTimeout());
    }

    @Bean
    ConfigurerModule orderContext(OrderTimeouts orderTimeouts) {
        return new OrderContextModule(orderTimeouts);
    }

    @Bean
    OrderIds orderIds() {
        return OrderIds.random();
    }

    @Bean
    ConfigurerModule inventoryContext(
            @Value("${fulfillment.inventory.product-snapshot-threshold:"
                   + InventoryContextModule.DEFAULT_PRODUCT_SNAPSHOT_THRESHOLD + "}") int productSnapshotThreshold) {
        return new InventoryContextModule(productSnapshotThreshold);
    }

    /** Only with {@code fulfillment.payment.provider=in-memory}; by default payment-service's HTTP provider is used. */
    @Bean
    @ConditionalOnProperty(name = "fulfillment.payment.provider", havingValue = "in-memory")
    @ConditionalOnMissingBean
    PaymentProvider paymentProvider() {
        return new InMemoryPaymentProvider();
    }

    /**
     * The simulator this app serves, called in this process by the default provider (payment-service's
     * {@code PaymentProviderConfiguration}, which calls a provider given by {@code fulfillment.payment.http.base-url}
     * over HTTP instead).
     */
    @Bean
    @ConditionalOnProperty(prefix = "payment-simulator", name = "enabled", matchIfMissing = true)
    ProviderApi embeddedSimulatorApi(SimulatedProvider simulator, ObjectProvider<ObservationRegistry> observations) {
        return new EmbeddedSimulatorApi(simulator, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    ConfigurerModule paymentContext(PaymentProvider paymentProvider) {
        return new PaymentContextModule(paymentProvider);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new H2DuplicateKeyResolver();
    }
}
