package com.fulfillment.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.platform.CommandFailure;
import com.fulfillment.platform.CommandFailure.Kind;
import com.fulfillment.platform.FailureDetailingCommandBus;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a sender in another service gets when a command fails in this one: the handling side's result goes
 * through the serializer Axon Server's command bus uses for responses, and back, as it does on the wire.
 */
class CommandFailureOverAxonServerTest {

    record CancelProbe(String outcome) {}

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final CommandSerializer wire = new CommandSerializer(serializer, new AxonServerConfiguration());

    @Test
    void aRefusalArrivesWithItsKindAndMessage() {
        Throwable arrived = sendAcrossTheWire("refused");

        assertThat(arrived).isInstanceOf(CommandExecutionException.class);
        CommandFailure failure = CommandFailure.of(arrived);
        assertThat(failure.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(failure.message()).isEqualTo("order order-9 is REJECTED and can no longer be cancelled");
        assertThat(failure.thrownAs(IllegalStateException.class)).isTrue();
    }

    @Test
    void aSecondCreationRefusedAtCommitArrivesAsAnExistingAggregate() {
        Throwable arrived = sendAcrossTheWire("created-twice");

        assertThat(CommandFailure.of(arrived).aggregateExists()).isTrue();
    }

    @Test
    void unrecognisedTheSameRefusalWouldReadAsAFault() {
        SimpleCommandBus local = SimpleCommandBus.builder().build();
        subscribeProbe(local);

        Throwable arrived = acrossTheWire(new FailureDetailingCommandBus(local), "created-twice");

        assertThat(CommandFailure.of(arrived).kind()).isEqualTo(Kind.FAILED);
    }

    @Test
    void withoutTheDetailsASenderCouldNotTellAConflictFromAFault() {
        SimpleCommandBus undetailed = SimpleCommandBus.builder().build();
        subscribeProbe(undetailed);

        Throwable arrived = acrossTheWire(undetailed, "refused");

        assertThat(arrived).isInstanceOf(CommandExecutionException.class);
        assertThat(CommandFailure.of(arrived).kind()).isEqualTo(Kind.FAILED);
    }

    private Throwable sendAcrossTheWire(String outcome) {
        SimpleCommandBus local = SimpleCommandBus.builder().build();
        subscribeProbe(local);
        return acrossTheWire(new FailureDetailingCommandBus(local, new DistributedRuntimeConfiguration().axonServerStatuses()),
                             outcome);
    }

    private static void subscribeProbe(org.axonframework.commandhandling.CommandBus bus) {
        bus.subscribe(CancelProbe.class.getName(), message -> {
            if (((CancelProbe) message.getPayload()).outcome().equals("refused")) {
                throw new IllegalStateException("order order-9 is REJECTED and can no longer be cancelled");
            }
            // Axon Server refuses a second stream with the same id when the events are committed, like this.
            CurrentUnitOfWork.get().onCommit(uow -> {
                Metadata trailers = new Metadata();
                trailers.put(Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER), "AXONIQ-2000");
                throw Status.OUT_OF_RANGE
                        .withDescription("[AXONIQ-2000] Invalid sequence number 0 for aggregate order-9, expected 1")
                        .asRuntimeException(trailers);
            });
            return null;
        });
    }

    private Throwable acrossTheWire(org.axonframework.commandhandling.CommandBus handlingSide, String outcome) {
        CompletableFuture<CommandResultMessage<?>> handled = new CompletableFuture<>();
        handlingSide.dispatch(GenericCommandMessage.asCommandMessage(new CancelProbe(outcome)),
                              (command, result) -> handled.complete(result));
        CommandResponse onTheWire = wire.serialize(handled.join(), "request-1");
        CommandResultMessage<Object> received = wire.deserialize(onTheWire);
        assertThat(received.isExceptional()).isTrue();
        return received.exceptionResult();
    }
}
