package com.fulfillment.inventory.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.inventory.command.ProductStockPropertyTest.Expectation;
import com.fulfillment.inventory.command.ProductStockPropertyTest.Ledger;
import com.fulfillment.inventory.command.ProductStockPropertyTest.Step;
import com.fulfillment.platform.aggregate.EventSourcedAggregates;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A {@link Product} loaded from Axon's cache and from snapshots behaves exactly as one replayed from all of its
 * events: random command sequences (those of {@link ProductStockPropertyTest}) run against both set-ups, some
 * commands failing after the product has applied their events (the unit of work rolls back, as it does when
 * the commit fails), and after every step both must have stored the same events, the ones the ledger predicts.
 * A cached product that kept the events of a rolled-back command would reserve stock that the event store
 * never gave out. A snapshot every 2 events makes nearly every load start from one, read from its JSON.
 */
class CachedProductPropertyTest {

    private static final int SNAPSHOT_EVERY_TWO_EVENTS = 2;

    @Property(tries = 100)
    void cachedAndSnapshottedProductStoresTheSameEventsAsAReplayedOne(@ForAll("failingSteps") List<FailingStep> steps) {
        Setup replayed = new Setup(AggregateConfigurer::defaultConfiguration);
        Setup cached = new Setup(type -> EventSourcedAggregates.cachedAndSnapshotted(type, SNAPSHOT_EVERY_TWO_EVENTS));
        try {
            Ledger ledger = new Ledger(Products.STOCK);
            List<Object> expectedEvents = new ArrayList<>(List.of(Products.keyboardAdded()));
            replayed.send(Products.addKeyboard(), false);
            cached.send(Products.addKeyboard(), false);

            for (FailingStep step : steps) {
                Object command = step.step().command();
                Expectation expected = ledger.expect(command);
                Class<?> replayedOutcome = replayed.send(command, step.failsAfterHandling());
                Class<?> cachedOutcome = cached.send(command, step.failsAfterHandling());

                if (!step.failsAfterHandling() && expected.refusal() == null) {
                    expected.events().forEach(ledger::record);
                    expectedEvents.addAll(expected.events());
                }
                assertThat(cachedOutcome).as("outcome of %s", step).isEqualTo(replayedOutcome);
                assertThat(replayed.storedEvents()).as("replayed product's events after %s", step)
                                                   .isEqualTo(expectedEvents);
                assertThat(cached.storedEvents()).as("cached product's events after %s", step)
                                                 .isEqualTo(expectedEvents);
            }
        } finally {
            replayed.stop();
            cached.stop();
        }
    }

    @Provide
    Arbitrary<List<FailingStep>> failingSteps() {
        return new ProductStockPropertyTest().commandSequences().flatMap(
                steps -> Arbitraries.integers().between(0, 3).list().ofSize(steps.size())
                                    .map(dice -> zip(steps, dice)));
    }

    private static List<FailingStep> zip(List<Step> steps, List<Integer> dice) {
        return IntStream.range(0, steps.size())
                                         .mapToObj(i -> new FailingStep(steps.get(i), dice.get(i) == 0))
                                         .toList();
    }

    /** A step, and whether its unit of work fails after the product handled it (one in four do). */
    record FailingStep(Step step, boolean failsAfterHandling) {
    }

    /** The inventory's {@code Product} on a plain Axon configuration with in-memory events. */
    private static final class Setup {

        private final InMemoryEventStorageEngine storage = new SnapshotsAsStored();
        private final AtomicBoolean failAfterHandling = new AtomicBoolean();
        private final Configuration configuration;

        Setup(Function<Class<Product>, AggregateConfigurer<Product>> aggregate) {
            configuration = DefaultConfigurer.defaultConfiguration()
                                             .configureEmbeddedEventStore(c -> storage)
                                             .configureAggregate(aggregate.apply(Product.class))
                                             .start();
            configuration.commandBus().registerHandlerInterceptor((unitOfWork, chain) -> {
                Object result = chain.proceed();
                if (failAfterHandling.get()) {
                    throw new SimulatedCommitFailure();
                }
                return result;
            });
        }

        /** Sends the command; answers the class of the exception it failed with, or null. */
        Class<?> send(Object command, boolean failsAfterHandling) {
            failAfterHandling.set(failsAfterHandling);
            try {
                configuration.commandGateway().sendAndWait(command);
                return null;
            } catch (RuntimeException failure) {
                return failure.getClass();
            }
        }

        List<Object> storedEvents() {
            return storage.readEvents(Products.KEYBOARD.toString()).asStream().<Object>map(EventMessage::getPayload).toList();
        }

        void stop() {
            configuration.shutdown();
        }
    }

    /**
     * In-memory events with snapshots kept as a real store keeps them: serialized, so each load gets its own copy.
     * (Axon's in-memory engine hands out the very object it stored, which the next load then changes.)
     */
    private static final class SnapshotsAsStored extends InMemoryEventStorageEngine {

        private final Serializer serializer = JacksonSerializer.defaultSerializer();

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            super.storeSnapshot(copyOf(snapshot));
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return super.readSnapshot(aggregateIdentifier).map(this::copyOf);
        }

        private DomainEventMessage<?> copyOf(DomainEventMessage<?> snapshot) {
            Object payload = serializer.deserialize(serializer.serialize(snapshot.getPayload(), byte[].class));
            return new GenericDomainEventMessage<>(snapshot.getType(), snapshot.getAggregateIdentifier(),
                                                   snapshot.getSequenceNumber(), payload, snapshot.getMetaData(),
                                                   snapshot.getIdentifier(), snapshot.getTimestamp());
        }
    }

    /** The unit of work failing after the handler, as a failed commit would. */
    private static final class SimulatedCommitFailure extends RuntimeException {
        SimulatedCommitFailure() {
            super("simulated failure after the command was handled");
        }
    }
}
