package com.fulfillment.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link ProcessorLag} on every event processor of the app, and its figure as the gauge {@value #GAUGE}
 * (milliseconds; 0 when no processor is behind).
 */
@AutoConfiguration
@ConditionalOnClass(ConfigurerModule.class)
public class ProcessorLagConfiguration {

    public static final String GAUGE = "fulfillment.processors.lag";

    @Bean
    ProcessorLag processorLag(ObjectProvider<MeterRegistry> registry) {
        ProcessorLag lag = new ProcessorLag(Clock.systemUTC(), ProcessorLag.FRESH);
        registry.ifAvailable(meters -> Gauge.builder(GAUGE, lag, ProcessorLag::furthestBehindMillis)
                                            .description("Milliseconds the event processor furthest behind the "
                                                         + "events it handles is behind them (0: none is)")
                                            .baseUnit("milliseconds")
                                            .strongReference(true)
                                            .register(meters));
        return lag;
    }
}
