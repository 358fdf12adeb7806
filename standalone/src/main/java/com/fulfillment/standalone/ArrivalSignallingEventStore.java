package com.fulfillment.standalone;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.io.IOUtils;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's embedded event store whose streams tell a pooled streaming processor when new events have arrived.
 *
 * <p>The embedded store's streams do not support {@link BlockingStream#setOnAvailableCallback}, and a
 * {@code PooledStreamingEventProcessor} that has caught up with such a stream looks for new events only every
 * 500 ms (Axon's {@code Coordinator}). An order passes through several processors one after the other, so that
 * idle poll alone added a quarter of a second per hop on average. Tracking processors are not affected: they block
 * on the store's own signal. Axon Server's streams have the callback, so the distributed shape needs none of this.
 *
 * <p>One daemon thread follows the head of the stream as one more consumer of the store's shared producer; each
 * time the producer has appended events it runs the callbacks of every open stream. A callback comes only after
 * the events are in the producer's cache, so the processor that it wakes finds them; a missed callback costs
 * no event, only the processor's own fallback wait.
 */
class ArrivalSignallingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(ArrivalSignallingEventStore.class);
    private static final long RETRY_AFTER_FAILURE_MS = 1_000;

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;
    private volatile Thread watcher;

    ArrivalSignallingEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SignalledStream(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        shuttingDown = true;
        Thread running = watcher;
        if (running != null) {
            running.interrupt();
        }
        super.shutDown();
    }

    /**
     * The head is opened here, before the first callback is accepted, not on the watcher thread: an event
     * published between the two would lie behind the head the watcher starts from and never be signalled.
     */
    private synchronized void register(Runnable callback) {
        callbacks.add(callback);
        if (watcher == null && !shuttingDown) {
            TrackingEventStream head = super.openStream(createHeadToken());
            Thread thread = new Thread(() -> followHead(head), "event-arrival-signal");
            thread.setDaemon(true);
            watcher = thread;
            thread.start();
        }
    }

    private void followHead(TrackingEventStream initialHead) {
        TrackingEventStream head = initialHead;
        while (!shuttingDown) {
            try {
                if (head == null) {
                    head = super.openStream(createHeadToken());
                    // What arrived while there was no head was not signalled: let every processor look.
                    callbacks.forEach(Runnable::run);
                }
                if (head.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    while (head.hasNextAvailable()) {
                        head.nextAvailable();
                    }
                    callbacks.forEach(Runnable::run);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException failure) {
                if (shuttingDown) {
                    break;
                }
                log.warn("Following the head of the event stream failed; trying again in {} ms", RETRY_AFTER_FAILURE_MS,
                         failure);
                IOUtils.closeQuietly(head);
                head = null;
                callbacks.forEach(Runnable::run);
                try {
                    Thread.sleep(RETRY_AFTER_FAILURE_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        IOUtils.closeQuietly(head);
    }

    /** A stream of the embedded store that accepts an availability callback. */
    private final class SignalledStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private SignalledStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            register(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
