package com.fulfillment.flow;

import java.util.List;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

/**
 * Axon's in-memory storage engine, except that the events of one append become visible to readers in the order
 * of their positions.
 *
 * <p>Axon's engine (4.x) stores an append of several events by collecting them into a hash map keyed by their
 * tokens and putting that map into its sorted store one entry at a time, in the hash map's order. A batch whose
 * positions wrap around the hash table (15, 16, 17 land in buckets 14, 15 and 0) is inserted last position first,
 * so a tracking processor that reads in that moment sees position 17 without 15 and 16, moves its token past
 * them and never handles them. An order whose products' three {@code StockReservedEvent}s were appended by one
 * saga step stayed pending for ever that way, about one run in thirty of {@link FulfillmentChoreographyTest}
 * (more often the faster the command side: with aggregates cached). The stores the apps use do not have this:
 * the JDBC engine's gap-aware tokens wait for the positions they skipped, and Axon Server streams in order.
 * See AxonFramework issue 4824 for the same engine tearing appends.
 *
 * <p>Appending the events one by one, each under the engine's lock, puts every event at the end of what is
 * visible, so a reader sees a prefix of the store and nothing after a hole.
 */
final class InOrderInMemoryEventStorageEngine extends InMemoryEventStorageEngine {

    @Override
    public void appendEvents(@Nonnull List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            super.appendEvents(List.of(event));
        }
    }
}
