package com.fulfillment.query.admin;

import com.fulfillment.kernel.CompensationSettledEvent;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.query.api.CompensationFailureView;
import com.fulfillment.query.order.OrderDocuments;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.stereotype.Component;

/**
 * Lets an operator close compensations that were refused for good: send one again once its cause is fixed,
 * or settle it by hand (money paid back another way, stock counted by hand). Either is recorded as a
 * {@link CompensationSettledEvent}, so the order view shows who closed what, and it stays closed across
 * rebuilds. The failures are found in the order view, which holds them with the command as it was sent.
 */
@Component
public class CompensationAdmin {

    private static final Duration RETRY_TIMEOUT = Duration.ofSeconds(10);

    private final OrderDocuments orders;
    private final CommandGateway commands;
    private final EventGateway events;
    private final Serializer serializer;

    public CompensationAdmin(OrderDocuments orders, CommandGateway commands, EventGateway events,
                             Serializer serializer) {
        this.orders = orders;
        this.commands = commands;
        this.events = events;
        this.serializer = serializer;
    }

    /** Every failed compensation still open, oldest first. */
    public List<OpenCompensation> open() {
        return orders.withCompensationFailures().stream()
                     .flatMap(order -> order.compensationFailures().stream()
                                            .filter(CompensationFailureView::stillOpen)
                                            .map(failure -> new OpenCompensation(order.orderId(), failure)))
                     .sorted(Comparator.comparing(open -> open.failure().occurredAt()))
                     .toList();
    }

    public Optional<OpenCompensation> find(String failureId) {
        return orders.withCompensationFailure(failureId)
                     .flatMap(order -> order.compensationFailures().stream()
                                            .filter(failure -> failure.failureId().equals(failureId))
                                            .findFirst()
                                            .map(failure -> new OpenCompensation(order.orderId(), failure)));
    }

    /**
     * Sends the command again and waits for it. Handled: the failure is closed as retried. Refused again or
     * not answered: it stays open, and the failure says why.
     */
    public void retry(OpenCompensation compensation) {
        CompensationFailureView failure = compensation.failure();
        if (failure.commandClass() == null) {
            throw new IllegalStateException("compensation " + failure.failureId()
                                            + " was recorded without its command; settle it by hand");
        }
        Object command = serializer.deserialize(new SimpleSerializedObject<>(failure.command(), String.class,
                                                                             failure.commandClass(), null));
        commands.sendAndWait(command, RETRY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        events.publish(new CompensationSettledEvent(failure.failureId(), compensation.orderId(), true,
                                                    "retried: " + failure.commandType() + " went through"));
    }

    public void settle(OpenCompensation compensation, String resolution) {
        events.publish(new CompensationSettledEvent(compensation.failure().failureId(), compensation.orderId(),
                                                    false, resolution));
    }

    /** A failed compensation and the order it belongs to. */
    public record OpenCompensation(OrderId orderId, CompensationFailureView failure) {}
}
