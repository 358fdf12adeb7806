package com.fulfillment.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

/**
 * What a read-model document has applied, kept inside the document so that a redelivered or replayed
 * event changes nothing. Events an aggregate applied are remembered as the highest sequence number
 * per aggregate: an aggregate's events arrive in order, so anything at or below it was applied.
 * Events published outside an aggregate (by sagas) have no sequence number and are remembered by
 * their identifier.
 */
public final class AppliedEvents {

    private List<AggregatePosition> positions = new ArrayList<>();
    private List<String> eventIds = new ArrayList<>();

    public boolean includes(EventMessage<?> event) {
        return positionOf(event)
                .map(position -> highestSequenceOf(position.aggregateId()) >= position.sequence())
                .orElseGet(() -> eventIds.contains(event.getIdentifier()));
    }

    public void record(EventMessage<?> event) {
        Optional<AggregatePosition> position = positionOf(event);
        if (position.isEmpty()) {
            eventIds.add(event.getIdentifier());
            return;
        }
        positions.removeIf(known -> known.aggregateId().equals(position.get().aggregateId()));
        positions.add(position.get());
    }

    private long highestSequenceOf(String aggregateId) {
        return positions.stream()
                        .filter(position -> position.aggregateId().equals(aggregateId))
                        .mapToLong(AggregatePosition::sequence)
                        .findFirst()
                        .orElse(-1L);
    }

    /** As Spring Data's mapping stores it, for a document that writes itself. */
    public Document stored() {
        List<Document> storedPositions = new ArrayList<>(positions.size());
        for (AggregatePosition position : positions) {
            storedPositions.add(new Document("aggregateId", position.aggregateId()).append("sequence",
                                                                                            position.sequence()));
        }
        return new Document("positions", storedPositions).append("eventIds", new ArrayList<>(eventIds));
    }

    /**
     * An event store keeps a saga-published event as a "domain" event of no aggregate type whose
     * aggregate id is the event's own id; only an aggregate type marks a real aggregate's event.
     */
    private static Optional<AggregatePosition> positionOf(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getType() != null) {
            return Optional.of(new AggregatePosition(domainEvent.getAggregateIdentifier(),
                                                     domainEvent.getSequenceNumber()));
        }
        return Optional.empty();
    }

    /** The highest sequence number of one aggregate's events that a document applied. */
    record AggregatePosition(String aggregateId, long sequence) {}
}
