package com.fulfillment.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Registers a {@link CompensationGateway} with a plain Axon configuration, for runtimes that are not
 * wired by Spring (the in-process integration tests). It uses a registered {@link MeterRegistry} when
 * there is one.
 */
public class CompensationModule implements ConfigurerModule {

    @Override
    public void configureModule(Configurer configurer) {
        configurer.registerComponent(CompensationGateway.class, c -> new WaitingCompensationGateway(
                c.commandGateway(),
                c.eventGateway(),
                c.serializer(),
                c.getComponent(MeterRegistry.class, SimpleMeterRegistry::new)));
    }
}
