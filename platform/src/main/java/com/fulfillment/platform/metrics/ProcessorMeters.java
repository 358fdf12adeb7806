package com.fulfillment.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * One event processor's meters, registered once: how far behind the newest event it took is
 * ({@code <processor>.latency}, in milliseconds), and how many events it handled, failed on and left to other
 * handlers ({@code <processor>.successCounter}, {@code .failureCounter}, {@code .ignoredCounter}). The names are
 * those of Axon's monitors (axon-micrometer), so that dashboards built on them keep working.
 *
 * <p>Axon's own monitors look each of their meters up in the registry again for every message (five counters,
 * four timers, the latency gauge and the capacity reservoir: a dozen lookups per message and processor, and the
 * same for the command, event and query buses): 5 to 15 % of the CPU an order costs (BENCHMARKS.md, "Axon's
 * message monitors"). Here a message costs a clock read and two atomic updates, and no allocation.
 */
final class ProcessorMeters implements MessageMonitor<Message<?>> {

    private final Clock clock;
    private final AtomicLong latency = new AtomicLong();
    private final Counter succeeded;
    private final Counter failed;
    private final Counter ignored;
    /** Holds nothing of the message, so one serves them all. */
    private final MonitorCallback outcome = new MonitorCallback() {
        @Override
        public void reportSuccess() {
            succeeded.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            failed.increment();
        }

        @Override
        public void reportIgnored() {
            ignored.increment();
        }
    };

    ProcessorMeters(String processor, MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder(processor + ".latency", latency, AtomicLong::get)
             .description("Milliseconds between the newest event the processor took and when it took it")
             .baseUnit("milliseconds")
             .register(registry);
        this.succeeded = registry.counter(processor + ".successCounter");
        this.failed = registry.counter(processor + ".failureCounter");
        this.ignored = registry.counter(processor + ".ignoredCounter");
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            latency.set(clock.millis() - event.getTimestamp().toEpochMilli());
        }
        return outcome;
    }
}
