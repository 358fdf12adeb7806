package com.fulfillment.platform;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CompensationGateway} on Axon's own retrying command gateway: transient failures are retried
 * by an {@link ExponentialBackOffIntervalRetryScheduler}; what still fails after the last retry is
 * made visible instead of dropped.
 */
public class RetryingCompensationGateway implements CompensationGateway {

    public static final String FAILED_METRIC = "fulfillment.compensations.failed";

    private static final Logger log = LoggerFactory.getLogger(RetryingCompensationGateway.class);

    private final CommandGateway commands;
    private final EventGateway events;
    private final MeterRegistry meters;
    private final ScheduledExecutorService dispatcher;

    public RetryingCompensationGateway(CommandBus commandBus,
                                       EventGateway events,
                                       MeterRegistry meters,
                                       ScheduledExecutorService retryExecutor,
                                       CompensationRetryPolicy policy) {
        this.commands = DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                        .retryExecutor(retryExecutor)
                        .backoffFactor(policy.initialBackoff().toMillis())
                        .maxRetryCount(policy.maxRetries())
                        .build())
                .build();
        this.events = events;
        this.meters = meters;
        this.dispatcher = retryExecutor;
    }

    /**
     * Sends once the handler that decided on the compensation has committed, and from another thread. Sent
     * inside that handler's unit of work, the compensation would run nested in it: it would hold the locks of
     * the aggregates it touches until the outer work ends, so two handlers compensating on the same products
     * could deadlock, and Axon does not retry a deadlock inside an active unit of work. A decision that rolls
     * back compensates nothing.
     */
    @Override
    public void send(OrderId orderId, Object command) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> dispatcher.execute(() -> dispatch(orderId, command)));
        } else {
            dispatch(orderId, command);
        }
    }

    private void dispatch(OrderId orderId, Object command) {
        commands.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                recordFailure(orderId, command, failure);
            }
        });
    }

    private void recordFailure(OrderId orderId, Object command, Throwable failure) {
        String context = contextOf(command);
        String type = command.getClass().getSimpleName();
        log.error("Compensation {} for order {} failed after all retries; it needs an operator: {}",
                  type, orderId, failure.toString());
        Counter.builder(FAILED_METRIC)
               .description("Compensating commands that failed after every retry")
               .tag("context", context)
               .tag("command", type)
               .register(meters)
               .increment();
        events.publish(new CompensationFailedEvent(orderId, context, type, command.toString(),
                                                   String.valueOf(failure.getMessage())));
    }

    /** The bounded context a command belongs to, read from its package {@code com.fulfillment.<context>.api}. */
    static String contextOf(Object command) {
        String[] parts = command.getClass().getPackageName().split("\\.");
        return parts.length > 2 ? parts[2] : command.getClass().getPackageName();
    }

    /** How often and how patiently a compensation is retried before it is recorded as failed. */
    public record CompensationRetryPolicy(int maxRetries, Duration initialBackoff) {

        public static CompensationRetryPolicy defaults() {
            return new CompensationRetryPolicy(5, Duration.ofMillis(200));
        }
    }
}
