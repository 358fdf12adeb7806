package com.fulfillment.platform.correlation;

import java.util.List;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * Carries the client's correlation id through every command and event of a request, and into log lines.
 * Axon's own origin tracking is kept, under the names {@code causationId} (the message that caused this
 * one) and {@code traceId} (the first message of the chain), so that {@code correlationId} is free for the
 * client's id.
 */
public class CorrelationModule implements ConfigurerModule {

    @Override
    public void configureModule(Configurer configurer) {
        configurer.configureCorrelationDataProviders(c -> List.of(
                new MessageOriginProvider("causationId", "traceId"),
                new SimpleCorrelationDataProvider(CorrelationIds.METADATA_KEY)));
        configurer.eventProcessing()
                  .registerDefaultHandlerInterceptor((c, processor) -> new CorrelationIdLoggingInterceptor<>());
        configurer.onInitialize(config -> config.onStart(() -> {
            config.commandBus().registerHandlerInterceptor(new CorrelationIdLoggingInterceptor<>());
            config.commandBus().registerDispatchInterceptor(new CorrelationIdDispatchInterceptor<>());
            config.eventBus().registerDispatchInterceptor(new CorrelationIdDispatchInterceptor<>());
        }));
    }
}
