package com.fulfillment.standalone;

import com.fulfillment.inventory.InventoryContextModule;
import com.fulfillment.order.OrderContextModule;
import com.fulfillment.order.saga.OrderTimeouts;
import com.fulfillment.order.web.OrderIds;
import com.fulfillment.payment.PaymentContextModule;
import com.fulfillment.payment.provider.InMemoryPaymentProvider;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.platform.CompensationGateway;
import com.fulfillment.platform.RetryingCompensationGateway;
import com.fulfillment.platform.RetryingCompensationGateway.CompensationRetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the three contexts into the Spring-managed Axon configuration. The contexts register themselves
 * through their plain-Axon modules, exactly as the in-process tests do; this class only supplies what
 * the runtime decides: timeouts, the payment provider, and how compensations are retried.
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
    ConfigurerModule inventoryContext() {
        return new InventoryContextModule();
    }

    /** Only with {@code fulfillment.payment.provider=in-memory}; by default payment-service's HTTP provider is used. */
    @Bean
    @ConditionalOnProperty(name = "fulfillment.payment.provider", havingValue = "in-memory")
    @ConditionalOnMissingBean
    PaymentProvider paymentProvider() {
        return new InMemoryPaymentProvider();
    }

    @Bean
    ConfigurerModule paymentContext(PaymentProvider paymentProvider) {
        return new PaymentContextModule(paymentProvider);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService compensationRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("compensation-retry"));
    }

    @Bean
    CompensationGateway compensationGateway(CommandBus commandBus, EventGateway eventGateway,
                                            MeterRegistry meterRegistry,
                                            ScheduledExecutorService compensationRetryExecutor) {
        return new RetryingCompensationGateway(commandBus, eventGateway, meterRegistry,
                                               compensationRetryExecutor, CompensationRetryPolicy.defaults());
    }

    /**
     * A handler that fails makes its processor retry the event (with backoff) instead of skipping it: a
     * skipped event would leave an order half-way, with stock reserved or money taken.
     */
    @Bean
    ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new H2DuplicateKeyResolver();
    }
}
