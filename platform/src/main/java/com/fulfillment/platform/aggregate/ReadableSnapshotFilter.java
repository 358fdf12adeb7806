package com.fulfillment.platform.aggregate;

import java.util.Objects;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a snapshot of one aggregate type through only if it still reads as that aggregate. Axon reads a snapshot's
 * payload lazily, after it has decided to use the snapshot, so one written before the aggregate's fields changed
 * (and whose revision was not bumped) would fail the command instead of being skipped; filtered out here, the
 * aggregate is rebuilt from its events. Snapshots of other types pass untouched.
 */
final class ReadableSnapshotFilter implements SnapshotFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadableSnapshotFilter.class);

    private final String declaredType;
    private final Class<?> aggregateType;
    private final Serializer serializer;

    ReadableSnapshotFilter(Class<?> aggregateType, Serializer serializer) {
        this.aggregateType = Objects.requireNonNull(aggregateType, "aggregate type must not be null");
        // Axon's name for an aggregate type, as its events and snapshots carry it.
        this.declaredType = aggregateType.getSimpleName();
        this.serializer = Objects.requireNonNull(serializer, "serializer must not be null");
    }

    @Override
    public boolean test(DomainEventData<?> snapshotData) {
        if (!declaredType.equals(snapshotData.getType())) {
            return true;
        }
        try {
            Object snapshot = serializer.deserialize(snapshotData.getPayload());
            if (aggregateType.isInstance(snapshot)) {
                return true;
            }
            log.warn("Snapshot of {} {} at sequence {} is a {}, not a {}: rebuilding it from its events",
                     declaredType, snapshotData.getAggregateIdentifier(), snapshotData.getSequenceNumber(),
                     snapshot == null ? "null" : snapshot.getClass().getName(), aggregateType.getName());
        } catch (RuntimeException | LinkageError unreadable) {
            log.warn("Snapshot of {} {} at sequence {} no longer reads ({}): rebuilding it from its events",
                     declaredType, snapshotData.getAggregateIdentifier(), snapshotData.getSequenceNumber(),
                     unreadable.toString());
        }
        return false;
    }
}
