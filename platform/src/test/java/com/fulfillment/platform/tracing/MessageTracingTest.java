package com.fulfillment.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.DefaultCommandBusSpanFactory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MetaData;
import org.axonframework.tracing.NoOpSpanFactory;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Axon's OpenTelemetry module (served at 4.12.2 only) on this build's Axon 4.13 core: a command sent inside a
 * traced request carries the trace in its metadata and is handled in a span of that trace; with tracing off
 * Axon keeps its no-op span factory.
 */
class MessageTracingTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MessageTracing.class))
            .withBean(OpenTelemetry.class, () -> telemetry);

    @Test
    void withTracingOffAxonKeepsItsNoOpSpanFactory() {
        app.withPropertyValues(MessageTracing.SAMPLING_PROBABILITY + "=0.0")
           .run(context -> assertThat(context.getBean(SpanFactory.class)).isSameAs(NoOpSpanFactory.INSTANCE));
    }

    @Test
    void aCommandSentInATracedRequestIsHandledInThatTrace() {
        app.withPropertyValues(MessageTracing.SAMPLING_PROBABILITY + "=1.0").run(context -> {
            SpanFactory spanFactory = context.getBean(SpanFactory.class);
            assertThat(spanFactory).isInstanceOf(OpenTelemetrySpanFactory.class);
            SimpleCommandBus commandBus = SimpleCommandBus.builder()
                    .spanFactory(DefaultCommandBusSpanFactory.builder().spanFactory(spanFactory).build())
                    .build();
            AtomicReference<MetaData> handledWith = new AtomicReference<>();
            commandBus.subscribe(String.class.getName(), command -> {
                handledWith.set(command.getMetaData());
                return "done";
            });

            Span request = telemetry.getTracer("test").spanBuilder("request").startSpan();
            try (Scope ignored = request.makeCurrent()) {
                commandBus.dispatch(GenericCommandMessage.asCommandMessage("ship it"));
            } finally {
                request.end();
            }

            String traceId = request.getSpanContext().getTraceId();
            assertThat(String.valueOf(handledWith.get().get("traceparent"))).contains(traceId);
            List<SpanData> recorded = spans.getFinishedSpanItems();
            SpanData handling = recorded.stream().filter(span -> span.getName().equals("CommandBus.handleCommand(String)"))
                                        .findFirst().orElseThrow(() -> new AssertionError("no handling span in " + recorded));
            assertThat(handling.getTraceId()).isEqualTo(traceId);
            SpanData dispatch = recorded.stream().filter(span -> span.getSpanId().equals(handling.getParentSpanId()))
                                        .findFirst().orElseThrow();
            assertThat(dispatch.getName()).isEqualTo("CommandBus.dispatchCommand(String)");
            assertThat(dispatch.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
        });
    }
}
