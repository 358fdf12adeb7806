package com.fulfillment.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Traces Axon's messages in the same OpenTelemetry traces as the HTTP calls that Spring Boot's Micrometer bridge
 * traces: sending a command, an event or a query, and handling it in an aggregate, a saga, a policy or a
 * projection, are spans whose parent is the span that sent the message. The parent travels in the message's
 * metadata as a W3C {@code traceparent}, so a trace follows an order across threads, through the event store
 * and across Axon Server.
 *
 * <p>Only while traces are sampled at all ({@value #SAMPLING_PROBABILITY} above 0; the apps set 0, tracing off):
 * otherwise Axon keeps its no-op span factory, so an untraced message costs no span and no metadata.
 *
 * <p>Axon's own auto-configuration would build its span factory from {@code GlobalOpenTelemetry}, which Spring
 * Boot does not set; this one uses the OpenTelemetry that Boot configures (sampler, propagators, exporters).
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        beforeName = {"org.axonframework.springboot.autoconfig.OpenTelemetryAutoConfiguration",
                      "org.axonframework.springboot.autoconfig.AxonTracingAutoConfiguration"})
@ConditionalOnClass({SpanFactory.class, OpenTelemetrySpanFactory.class, OpenTelemetry.class})
public class MessageTracing {

    /** Spring Boot's setting: the share of traces recorded, from 0 (none) to 1 (every request). */
    public static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";
    /** What Spring Boot samples where the setting is absent. */
    private static final float BOOT_DEFAULT_PROBABILITY = 0.1f;
    private static final String INSTRUMENTATION_NAME = "AxonFramework-OpenTelemetry";

    @Bean
    @ConditionalOnMissingBean
    SpanFactory spanFactory(ObjectProvider<OpenTelemetry> openTelemetry, Environment environment) {
        OpenTelemetry telemetry = openTelemetry.getIfAvailable();
        if (telemetry == null || !sampled(environment)) {
            return NoOpSpanFactory.INSTANCE;
        }
        return OpenTelemetrySpanFactory.builder()
                                       .tracer(telemetry.getTracer(INSTRUMENTATION_NAME))
                                       .contextPropagators(telemetry.getPropagators().getTextMapPropagator())
                                       .build();
    }

    static boolean sampled(Environment environment) {
        return environment.getProperty(SAMPLING_PROBABILITY, Float.class, BOOT_DEFAULT_PROBABILITY) > 0;
    }
}
