package com.fulfillment.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fulfillment.kernel.CompensationFailedEvent;
import com.fulfillment.kernel.OrderId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitingCompensationGatewayTest {

    /** A compensating command of some context; its package decides the context reported. */
    record ReleaseSomethingCommand(String what) {}

    private static final OrderId ORDER = OrderId.of("order-1");

    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final SimpleEventBus eventBus = SimpleEventBus.builder().build();
    private final List<EventMessage<?>> published = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final AtomicInteger handled = new AtomicInteger();
    private WaitingCompensationGateway gateway;

    @BeforeEach
    void setUp() {
        eventBus.subscribe(published::addAll);
        gateway = new WaitingCompensationGateway(DefaultCommandGateway.builder().commandBus(commandBus).build(),
                                                 DefaultEventGateway.builder().eventBus(eventBus).build(),
                                                 serializer, meters);
    }

    @Test
    void aCompensationIsHandledBeforeSendReturns() {
        handleWith(null);

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));

        assertThat(handled).hasValue(1);
        assertThat(published).isEmpty();
    }

    @Test
    void aFailureThatMayPassPropagatesSoThatTheSendersEventIsHandledAgain() {
        handleWith(new RuntimeException("store unreachable"));

        assertThatThrownBy(() -> gateway.send(ORDER, new ReleaseSomethingCommand("stock")))
                .hasMessageContaining("store unreachable");

        assertThat(published).as("nothing is recorded for an outage: the event is handled again").isEmpty();
        assertThat(meters.find(WaitingCompensationGateway.FAILED_METRIC).counter()).isNull();
    }

    @Test
    void aRefusalIsRecordedWithTheCommandSoThatAnOperatorCanSendItAgain() {
        handleWith(new IllegalStateException("nothing was sold to return"));

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));

        CompensationFailedEvent failure = (CompensationFailedEvent) published.get(0).getPayload();
        assertThat(failure.orderId()).isEqualTo(ORDER);
        assertThat(failure.commandType()).isEqualTo("ReleaseSomethingCommand");
        assertThat(failure.context()).isEqualTo("platform");
        assertThat(failure.reason()).contains("nothing was sold to return");
        Object command = serializer.deserialize(new SimpleSerializedObject<>(failure.commandPayload(), String.class,
                                                                             failure.commandClass(), null));
        assertThat(command).isEqualTo(new ReleaseSomethingCommand("stock"));
        assertThat(meters.get(WaitingCompensationGateway.FAILED_METRIC).tag("command", "ReleaseSomethingCommand")
                         .counter().count()).isEqualTo(1.0);
    }

    @Test
    void theSameRefusalRecordedAgainAfterARedeliveryNamesTheSameFailure() {
        handleWith(new IllegalArgumentException("no such payment"));

        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));
        gateway.send(ORDER, new ReleaseSomethingCommand("stock"));
        gateway.send(ORDER, new ReleaseSomethingCommand("other stock"));

        assertThat(published).extracting(event -> ((CompensationFailedEvent) event.getPayload()).failureId())
                             .hasSize(3)
                             .satisfies(ids -> {
                                 assertThat(ids.get(0)).isEqualTo(ids.get(1));
                                 assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
                             });
    }

    private void handleWith(RuntimeException failure) {
        commandBus.subscribe(ReleaseSomethingCommand.class.getName(), command -> {
            handled.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return null;
        });
    }
}
