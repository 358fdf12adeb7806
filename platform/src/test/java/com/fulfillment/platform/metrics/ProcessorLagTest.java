package com.fulfillment.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A processor is as far behind as the event it last began was old then, for as long as that is fresh; an idle
 * processor and a replay are behind by nothing.
 */
class ProcessorLagTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final ProcessorLag lag = new ProcessorLag(clock, Duration.ofSeconds(1));

    record Happened(String what) {}

    @Test
    void aProcessorIsBehindByTheAgeOfTheEventItLastBeganAndTheFurthestBehindIsNamed() {
        lag.began("payment-saga", event(NOW.minusMillis(3_000)));
        lag.began("order-view", event(NOW.minusMillis(700)));

        assertThat(lag.furthestBehind())
                .contains(new ProcessorLag.Behind("payment-saga", Duration.ofMillis(3_000)));
        assertThat(lag.furthestBehindMillis()).isEqualTo(3_000);

        lag.began("payment-saga", event(NOW.minusMillis(200)));

        assertThat(lag.furthestBehind()).contains(new ProcessorLag.Behind("order-view", Duration.ofMillis(700)));
    }

    @Test
    void aProcessorThatBeganNothingForLongerThanFreshIsNotBehind() {
        lag.began("payment-saga", event(NOW.minusMillis(3_000)));

        clock.advance(Duration.ofMillis(1_000));
        assertThat(lag.furthestBehind()).as("still fresh").isPresent();
        clock.advance(Duration.ofMillis(1));

        assertThat(lag.furthestBehind()).isEmpty();
        assertThat(lag.furthestBehindMillis()).isZero();
    }

    @Test
    void aReplayedEventCountsForNothing() {
        EventMessage<?> old = event(NOW.minusSeconds(3_600));
        lag.began("order-view", new GenericTrackedEventMessage<>(ReplayToken.createReplayToken(
                new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(1)), old));

        assertThat(lag.furthestBehind()).isEmpty();

        lag.began("order-view", new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(101), old));

        assertThat(lag.furthestBehind()).map(ProcessorLag.Behind::lag).contains(Duration.ofHours(1));
    }

    @Test
    void asAModuleItTimesTheEventsOfTheProcessors() {
        ProcessorLag module = new ProcessorLag(Clock.systemUTC(), Duration.ofHours(1));
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                                                 .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        configurer.eventProcessing().registerEventHandler(c -> new Handler())
                  .registerSubscribingEventProcessor("timed");
        module.configureModule(configurer);
        Configuration axon = configurer.start();
        try {
            axon.eventBus().publish(event(Instant.now().minusSeconds(60)));

            ProcessorLag.Behind behind = module.furthestBehind().orElseThrow();
            assertThat(behind.processor()).isEqualTo("timed");
            assertThat(behind.lag()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(70));
        } finally {
            axon.shutdown();
        }
    }

    @Test
    void theAppsGetItWithItsFigureAsAGauge() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ProcessorLagConfiguration.class))
                                      .withBean(MeterRegistry.class, () -> registry)
                                      .run(context -> {
            assertThat(context).hasSingleBean(ProcessorLag.class);
            assertThat(registry.get(ProcessorLagConfiguration.GAUGE).gauge().value()).isZero();
        });
    }

    @ProcessingGroup("timed")
    static class Handler {

        @EventHandler
        void on(Happened event) {
            // handled; the interceptor in front of it took the time
        }
    }

    private static EventMessage<?> event(Instant at) {
        return new GenericEventMessage<>(new GenericEventMessage<>(new Happened("x"), MetaData.emptyInstance()),
                                         () -> at);
    }

    private static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
