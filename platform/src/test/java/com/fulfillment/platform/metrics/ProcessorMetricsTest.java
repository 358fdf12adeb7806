package com.fulfillment.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An event processor's meters count what it handled and failed on and show how far behind it is, and a message
 * registers no meter: after the first events the registry holds the same meters however many follow.
 */
class ProcessorMetricsTest {

    private static final String GROUP = "metered";

    record Happened(String what) {}

    @ProcessingGroup(GROUP)
    static class Handler {

        @EventHandler
        void on(Happened event) {
            if (event.what().equals("fail")) {
                throw new IllegalStateException("failed on purpose");
            }
        }
    }

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private Configuration axon;

    @AfterEach
    void stop() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aProcessorCountsWhatItHandledAndFailedOnAndShowsItsLatencyWithoutAMeterPerMessage() {
        axon = started(runner().withPropertyValues(ProcessorMetrics.AXON_MONITORS + "=false"));

        publish("first", Instant.now());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(GROUP + ".successCounter") == 1);
        int meters = registry.getMeters().size();

        for (int event = 0; event < 50; event++) {
            publish("again", Instant.now());
        }
        publish("fail", Instant.now());
        publish("late", Instant.now().minusSeconds(60));

        await().atMost(Duration.ofSeconds(10)).until(() -> count(GROUP + ".successCounter") == 52);
        assertThat(count(GROUP + ".failureCounter")).isEqualTo(1);
        assertThat(registry.get(GROUP + ".latency").gauge().value()).isBetween(59_000.0, 70_000.0);
        assertThat(registry.getMeters()).as("meters after 52 more events").hasSize(meters);
    }

    @Test
    void withAxonsMonitorsOnTheProcessorsGetNoSecondSet() {
        runner().withPropertyValues(ProcessorMetrics.AXON_MONITORS + "=true")
                .run(context -> assertThat(context).doesNotHaveBean(ConfigurerModule.class));
        runner().run(context -> assertThat(context).doesNotHaveBean(ConfigurerModule.class));
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ProcessorMetrics.class))
                                             .withBean(MeterRegistry.class, () -> registry);
    }

    private Configuration started(ApplicationContextRunner runner) {
        Configuration[] started = new Configuration[1];
        runner.run(context -> {
            Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                                                     .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
            configurer.eventProcessing()
                      .registerEventHandler(c -> new Handler())
                      .registerSubscribingEventProcessor(GROUP)
                      .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            context.getBean(ConfigurerModule.class).configureModule(configurer);
            started[0] = configurer.start();
        });
        return started[0];
    }

    private void publish(String what, Instant at) {
        try {
            axon.eventBus().publish(new GenericEventMessage<>(
                    new GenericEventMessage<>(new Happened(what), MetaData.emptyInstance()), () -> at));
        } catch (RuntimeException failedHandler) {
            // A subscribing processor fails the publisher with its handler; the meters have counted it.
        }
    }

    private double count(String counter) {
        return registry.find(counter).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
