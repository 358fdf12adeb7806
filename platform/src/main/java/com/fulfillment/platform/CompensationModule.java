package com.fulfillment.platform;

import com.fulfillment.platform.RetryingCompensationGateway.CompensationRetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;

/**
 * Registers a {@link CompensationGateway} with a plain Axon configuration, for runtimes that are not
 * wired by Spring (the in-process integration tests). It uses a registered {@link MeterRegistry} when
 * there is one.
 */
public class CompensationModule implements ConfigurerModule {

    private final CompensationRetryPolicy policy;

    public CompensationModule(CompensationRetryPolicy policy) {
        this.policy = policy;
    }

    public CompensationModule() {
        this(CompensationRetryPolicy.defaults());
    }

    @Override
    public void configureModule(Configurer configurer) {
        ScheduledExecutorService retries =
                Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("compensation-retry"));
        configurer.registerComponent(CompensationGateway.class, c -> new RetryingCompensationGateway(
                c.commandBus(),
                c.eventGateway(),
                c.getComponent(MeterRegistry.class, SimpleMeterRegistry::new),
                retries,
                policy));
        configurer.onShutdown(retries::shutdownNow);
    }
}
