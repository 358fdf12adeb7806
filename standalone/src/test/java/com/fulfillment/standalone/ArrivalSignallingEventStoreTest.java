package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream of the store accepts an availability callback, runs it once published events can be read from the
 * stream, and forgets it when closed. (How soon is for the benchmark to show; the patience here only keeps a busy
 * build machine from failing the test.)
 */
class ArrivalSignallingEventStoreTest {

    private final ArrivalSignallingEventStore store = new ArrivalSignallingEventStore(
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()));

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void callbackRunsWhenPublishedEventsCanBeReadFromTheStream() throws InterruptedException {
        try (TrackingEventStream stream = store.openStream(null)) {
            CountDownLatch signalled = new CountDownLatch(1);
            boolean[] readableWhenSignalled = new boolean[1];
            assertThat(stream.setOnAvailableCallback(() -> {
                readableWhenSignalled[0] = stream.hasNextAvailable();
                signalled.countDown();
            })).as("callback supported").isTrue();

            store.publish(GenericEventMessage.asEventMessage("an event"));

            assertThat(signalled.await(5, TimeUnit.SECONDS)).as("signalled").isTrue();
            assertThat(readableWhenSignalled[0]).as("the event readable when signalled").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("an event");
        }
    }

    @Test
    void closedStreamIsNoLongerSignalled() throws InterruptedException {
        CountDownLatch signalled = new CountDownLatch(1);
        TrackingEventStream stream = store.openStream(null);
        stream.setOnAvailableCallback(signalled::countDown);
        stream.close();

        store.publish(GenericEventMessage.asEventMessage("an event"));

        assertThat(signalled.await(1, TimeUnit.SECONDS)).isFalse();
    }
}
