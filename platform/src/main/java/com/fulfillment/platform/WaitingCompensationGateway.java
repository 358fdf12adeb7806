package com.fulfillment.platform;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CompensationGateway} that waits for each command inside the handler that decided on it, instead of
 * retrying it in memory after that handler committed: a process killed at any moment then either stored the
 * command's events with (standalone: in the same transaction as) the sender's progress, or will handle the
 * sender's event again after the restart. Retries are the event processor's: a failure that may pass
 * propagates and fails the event's handling.
 *
 * <p>A refusal ({@link CommandFailure#refusedForGood()}) is an answer, not an outage: retrying it forever would hold up every
 * later event of the processor. It is published as a {@link CompensationFailedEvent} in the sender's unit of
 * work (stored when the sender's progress is), logged at ERROR and counted, and the sender carries on. The
 * event carries the serialized command, so that an operator can send it again once the cause is fixed.
 */
public class WaitingCompensationGateway implements CompensationGateway {

    public static final String FAILED_METRIC = "fulfillment.compensations.failed";
    /** How long a compensation may take before its handling counts as failed and the event is handled again. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(WaitingCompensationGateway.class);

    private final CommandGateway commands;
    private final EventGateway events;
    private final CompensationFailures failures;
    private final MeterRegistry meters;

    public WaitingCompensationGateway(CommandGateway commands, EventGateway events, Serializer serializer,
                                      MeterRegistry meters) {
        this.commands = commands;
        this.events = events;
        this.failures = new CompensationFailures(serializer);
        this.meters = meters;
    }

    @Override
    public void send(OrderId orderId, Object command) {
        try {
            commands.sendAndWait(command, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException thrown) {
            CommandFailure refusal = CommandFailure.expected(thrown, CommandFailure::refusedForGood);
            recordFailure(orderId, command, refusal.message());
        }
    }

    private void recordFailure(OrderId orderId, Object command, String reason) {
        CompensationFailedEvent failure = failures.failed(orderId, command, reason);
        log.error("Compensation {} for order {} was refused; it needs an operator: {}",
                  failure.commandType(), orderId, reason);
        Counter.builder(FAILED_METRIC)
               .description("Compensating commands refused for good")
               .tag("context", failure.context())
               .tag("command", failure.commandType())
               .register(meters)
               .increment();
        events.publish(failure);
    }
}
