package com.fulfillment.platform.events;

import java.util.OptionalLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * An event's own place in the global event stream, which orders events stored at the same instant as the stream
 * does.
 *
 * <p>A processor's tracking token is not always that place. Axon's JDBC store hands out gap-aware tokens, and an
 * event that fills a gap (stored at a lower position by a transaction that committed after later ones) arrives
 * with the token of the furthest event read, whose position is higher than its own; a pooled processor hands its
 * handlers the token it has reached, not the event's. So a store that knows better names the position in the
 * event's metadata under {@value #METADATA_KEY} when it reads the event for a stream (the embedded store does; the
 * key is added on reading and never stored). Axon Server's tokens are the events' own positions.
 */
public final class StreamPosition {

    /** Metadata key of the event's global index, added by the store that reads it. */
    public static final String METADATA_KEY = "globalIndex";

    private StreamPosition() {
    }

    /**
     * The event's place in the stream it was read from: the one its store named, otherwise its token's position;
     * empty for an event not read from a stream.
     */
    public static OptionalLong of(EventMessage<?> event) {
        if (event.getMetaData().get(METADATA_KEY) instanceof Number named) {
            return OptionalLong.of(named.longValue());
        }
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position();
        }
        return OptionalLong.empty();
    }
}
