package com.fulfillment.payment;

import com.fulfillment.kernel.OrderId;
import com.fulfillment.platform.CompensationGateway;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;

/**
 * A compensation gateway for tests: it remembers what was sent for which order and dispatches it on the
 * given bus, so fixtures that watch the bus see compensations next to ordinary commands.
 */
public class RecordingCompensationGateway implements CompensationGateway {

    /** One compensation, as it was sent. */
    public record Sent(OrderId orderId, Object command) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Consumer<Object> dispatcher;

    private RecordingCompensationGateway(Consumer<Object> dispatcher) {
        this.dispatcher = dispatcher;
    }

    public static RecordingCompensationGateway dispatchingOn(CommandBus commandBus) {
        return new RecordingCompensationGateway(
                command -> commandBus.dispatch(GenericCommandMessage.asCommandMessage(command)));
    }

    public static RecordingCompensationGateway recordingOnly() {
        return new RecordingCompensationGateway(command -> {});
    }

    @Override
    public void send(OrderId orderId, Object command) {
        sent.add(new Sent(orderId, command));
        dispatcher.accept(command);
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }
}
