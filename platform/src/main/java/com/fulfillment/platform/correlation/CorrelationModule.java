package com.fulfillment.platform.correlation;

import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * Carries the client's correlation id through every command and event of a request, and into log lines.
 * Axon's own origin tracking is kept, under the names {@code causationId} (the message that caused this
 * one) and {@code traceId} (the first message of the chain), so that {@code correlationId} is free for the
 * client's id. The user who sent the request ({@code userId}) is carried the same way.
 *
 * <p>As a module it puts the id into the MDC of every event handler; a runtime also registers
 * {@link #correlationDataProviders()} and calls {@link #registerOn(CommandBus, EventBus)}.
 */
public class CorrelationModule implements ConfigurerModule {

    public static List<CorrelationDataProvider> correlationDataProviders() {
        return List.of(new MessageOriginProvider("causationId", "traceId"),
                       new SimpleCorrelationDataProvider(CorrelationIds.METADATA_KEY),
                       new SimpleCorrelationDataProvider(CorrelationIds.USER_ID));
    }

    /** Stamps messages dispatched at the edge, and logs command handling under the id. */
    public static void registerOn(CommandBus commandBus, EventBus eventBus) {
        commandBus.registerDispatchInterceptor(new CorrelationIdDispatchInterceptor<>());
        commandBus.registerHandlerInterceptor(new CorrelationIdLoggingInterceptor<>());
        eventBus.registerDispatchInterceptor(new CorrelationIdDispatchInterceptor<>());
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing()
                  .registerDefaultHandlerInterceptor((c, processor) -> new CorrelationIdLoggingInterceptor<>());
    }
}
