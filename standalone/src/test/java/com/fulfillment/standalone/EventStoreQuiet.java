package com.fulfillment.standalone;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Waits until the event store stops growing: every saga and policy has done what the last events asked of
 * it. Only then is the event store the final word the read models are checked against.
 */
final class EventStoreQuiet {

    private static final Duration POLL = Duration.ofMillis(100);

    private EventStoreQuiet() {
    }

    static void await(EventStore eventStore, Duration quietFor, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        OptionalLong head = head(eventStore);
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quietFor.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the event store was still growing after " + atMost + ", at " + head);
            }
            LockSupport.parkNanos(POLL.toNanos());
            OptionalLong now = head(eventStore);
            if (!Objects.equals(now, head)) {
                head = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static OptionalLong head(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? OptionalLong.empty() : head.position();
    }
}
