package com.fulfillment.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fulfillment.platform.CommandFailure.Kind;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class FailureDetailingCommandBusTest {

    record Probe(String outcome) {}

    private final SimpleCommandBus local = SimpleCommandBus.builder().build();
    private final FailureDetailingCommandBus bus = new FailureDetailingCommandBus(local);
    private final CommandGateway commands = DefaultCommandGateway.builder().commandBus(bus).build();
    private final AtomicInteger interceptions = new AtomicInteger();

    FailureDetailingCommandBusTest() {
        bus.subscribe(Probe.class.getName(), message -> {
            String outcome = ((Probe) message.getPayload()).outcome();
            switch (outcome) {
                case "ok" -> {
                    return "done";
                }
                case "missing" -> throw new AggregateNotFoundException("order-7", "not in the event store");
                case "refused" -> throw new IllegalStateException("order order-7 is REJECTED");
                case "invalid" -> throw new IllegalArgumentException("quantity must be positive");
                case "created-twice" -> {
                    // As an event store reports a duplicate aggregate stream: when the unit of work commits.
                    CurrentUnitOfWork.get().onPrepareCommit(uow -> {
                        throw new AggregateStreamCreationException("order-7 already exists");
                    });
                    return "created";
                }
                case "raced" -> throw new ConcurrencyException("sequence 3 already taken");
                default -> throw new UnsupportedOperationException("disk on fire");
            }
        });
    }

    @Test
    void aResultIsPassedOnUnchanged() {
        assertThat((Object) commands.sendAndWait(new Probe("ok"))).isEqualTo("done");
    }

    @Test
    void everyFailureArrivesAsACommandExecutionExceptionWithItsKindAsDetails() {
        assertFailure("missing", Kind.NOT_FOUND, "no such resource: order-7");
        assertThat(assertFailure("refused", Kind.CONFLICT, "order order-7 is REJECTED")
                           .thrownAs(IllegalStateException.class)).isTrue();
        assertThat(assertFailure("invalid", Kind.INVALID, "quantity must be positive")
                           .thrownAs(IllegalStateException.class)).isFalse();
        assertFailure("raced", Kind.CONCURRENT_CHANGE, "sequence 3 already taken");
        assertFailure("other", Kind.FAILED, "disk on fire");
    }

    @Test
    void aFailureAtCommitTimeIsDetailedToo() {
        CommandFailure failure = assertFailure("created-twice", Kind.ALREADY_EXISTS, "order-7 already exists");

        assertThat(failure.aggregateExists()).isTrue();
    }

    @Test
    void handlerInterceptorsAndDispatchInterceptorsReachTheWrappedBus() {
        bus.registerHandlerInterceptor((unitOfWork, chain) -> {
            interceptions.incrementAndGet();
            return chain.proceed();
        });
        bus.registerDispatchInterceptor(messages -> (i, message) -> {
            interceptions.incrementAndGet();
            return message;
        });

        commands.sendAndWait(new Probe("ok"));

        assertThat(interceptions).hasValue(2);
    }

    @Test
    void failuresOfAnUnwrappedBusAreClassifiedFromTheExceptionItself() {
        CommandGateway plain = DefaultCommandGateway.builder().commandBus(local).build();

        Throwable thrown = catchThrowable(() -> plain.sendAndWait(new Probe("refused")));

        assertThat(thrown).isInstanceOf(IllegalStateException.class);
        assertThat(CommandFailure.of(thrown)).isEqualTo(new CommandFailure(
                Kind.CONFLICT, "order order-7 is REJECTED", IllegalStateException.class.getName()));
        assertThat(CommandFailure.of(new AggregateNotFoundException("p-1", "gone")).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    private CommandFailure assertFailure(String outcome, Kind kind, String message) {
        Throwable thrown = catchThrowable(() -> commands.sendAndWait(new Probe(outcome)));

        assertThat(thrown).isInstanceOf(CommandExecutionException.class);
        CommandExecutionException failed = (CommandExecutionException) thrown;
        assertThat(failed.getDetails()).containsInstanceOf(CommandFailure.class);
        CommandFailure failure = CommandFailure.of(thrown);
        assertThat(failed.getDetails()).contains(failure);
        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.message()).isEqualTo(message);
        return failure;
    }
}
