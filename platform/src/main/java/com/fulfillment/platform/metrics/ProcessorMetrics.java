package com.fulfillment.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The event processors' meters ({@link ProcessorMeters}) while Axon's message monitors are off
 * ({@value #AXON_MONITORS} {@code false}, the apps' default; set {@code FULFILLMENT_AXON_MESSAGE_METRICS=true} for
 * Axon's full set, timers per message included, at their cost).
 */
@AutoConfiguration
@ConditionalOnClass({MeterRegistry.class, ConfigurerModule.class})
@ConditionalOnProperty(name = ProcessorMetrics.AXON_MONITORS, havingValue = "false")
public class ProcessorMetrics {

    /** Axon's switch for its message monitors (axon-micrometer's auto-configuration). */
    public static final String AXON_MONITORS = "axon.metrics.auto-configuration.enabled";

    @Bean
    ConfigurerModule processorMeters(ObjectProvider<MeterRegistry> registry) {
        return configurer -> registry.ifAvailable(meters -> configurer.configureMessageMonitor(
                EventProcessor.class,
                (configuration, componentType, processor) -> new ProcessorMeters(processor, meters,
                                                                                 Clock.systemUTC())));
    }
}
