package com.fulfillment.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/**
 * A reader that follows the store as a tracking processor does (from the last position it handled) must never
 * see a position before one it has already seen, or it would skip that event for good.
 */
class InOrderInMemoryEventStorageEngineTest {

    private static final int APPENDS = 20_000;
    private static final int ROUNDS = 20;

    @Test
    void aFollowingReaderSeesEveryPositionOfMultiEventAppendsInOrder() throws InterruptedException {
        assertThat(skippedPositions(InOrderInMemoryEventStorageEngine::new)).isEmpty();
    }

    /**
     * What the in-order engine exists for: Axon's own engine lets a concurrent reader skip positions. It takes a
     * read in the middle of an append, a race: most rounds of {@value #APPENDS} appends show it (23-154 skipped
     * positions each), but on a busy machine a round can pass without the reader ever meeting a half-done append.
     */
    @Test
    void axonsEngineLetsAFollowingReaderSkipPositions() throws InterruptedException {
        List<Long> skipped = List.of();
        for (int round = 0; round < ROUNDS && skipped.isEmpty(); round++) {
            skipped = skippedPositions(InMemoryEventStorageEngine::new);
        }
        assertThat(skipped).as("positions skipped in up to %s rounds", ROUNDS).isNotEmpty();
    }

    private static List<Long> skippedPositions(Supplier<EventStorageEngine> engines) throws InterruptedException {
        EventStorageEngine engine = engines.get();
        AtomicBoolean appending = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < APPENDS; i++) {
                engine.appendEvents(threeEvents());
            }
            appending.set(false);
        });
        List<Long> skipped = new ArrayList<>();
        writer.start();
        TrackingToken last = null;
        long expected = 0;
        boolean finalRead = false;
        while (!finalRead) {
            finalRead = !appending.get();
            List<? extends TrackedEventMessage<?>> read;
            try (var stream = engine.readEvents(last, false)) {
                read = stream.toList();
            }
            for (TrackedEventMessage<?> event : read) {
                long position = ((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex();
                for (long missing = expected; missing < position; missing++) {
                    skipped.add(missing);
                }
                expected = position + 1;
                last = event.trackingToken();
            }
        }
        writer.join();
        assertThat(expected).as("positions read").isEqualTo(3L * APPENDS);
        return skipped;
    }

    private static List<EventMessage<?>> threeEvents() {
        return IntStream.range(0, 3).<EventMessage<?>>mapToObj(GenericEventMessage::asEventMessage).toList();
    }
}
