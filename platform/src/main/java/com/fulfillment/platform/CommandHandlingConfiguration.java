package com.fulfillment.platform;

import com.fulfillment.platform.RetryingCompensationGateway.CompensationRetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a runtime with sagas and policies needs besides the context modules, in either shape (the standalone
 * app and each distributed service): compensations retried with backoff and recorded when they still fail,
 * and event handlers that retry a failed event instead of skipping it.
 */
@Configuration(proxyBeanMethods = false)
public class CommandHandlingConfiguration {

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

    /** A skipped event would leave an order half-way, with stock reserved or money taken. */
    @Bean
    ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
