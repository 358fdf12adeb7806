package com.fulfillment.standalone.events;

import com.fulfillment.platform.events.StreamPosition;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the event store for the event browser page ({@code /events.html}), the embedded runtime's stand-in for
 * the Axon Server dashboard: the global stream page by page, or one aggregate's stream (an order, a product,
 * a payment) in full.
 */
@RestController
@RequestMapping("/api/admin/events")
@Validated
class EventBrowserController {

    private static final int POLL_MILLIS = 50;

    private final EventStore eventStore;

    EventBrowserController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Events in storage order, starting after global index {@code after} (-1: from the beginning). */
    @GetMapping
    EventPage stream(@RequestParam(defaultValue = "-1") @Min(-1) long after,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) throws InterruptedException {
        TrackingToken start = after < 0 ? null : GapAwareTrackingToken.newInstance(after, Collections.emptySet());
        List<EventEntry> events = new ArrayList<>();
        long last = after;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            while (events.size() < limit && stream.hasNextAvailable(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                // the token's position is where to go on from; an event that filled a gap names its own, lower one
                last = event.trackingToken().position().orElse(last);
                events.add(EventEntry.of(event, StreamPosition.of(event).orElse(last)));
            }
        }
        return new EventPage(events, last);
    }

    /** Every event of one aggregate, oldest first. */
    @GetMapping(params = "aggregateId")
    EventPage aggregate(@RequestParam @Size(min = 1, max = 200) String aggregateId) {
        List<EventEntry> events = eventStore.readEvents(aggregateId).asStream()
                                            .map(event -> EventEntry.of(event, null))
                                            .toList();
        return new EventPage(events, null);
    }

    /** A page of events and the global index to continue after. */
    record EventPage(List<EventEntry> events, Long next) {
    }

    /** One stored event as the page shows it. */
    record EventEntry(Long globalIndex, String type, String aggregateType, String aggregateId,
                      Long sequenceNumber, Instant timestamp, Object payload, Map<String, Object> metaData) {

        static EventEntry of(EventMessage<?> event, Long globalIndex) {
            DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
            return new EventEntry(globalIndex,
                                  event.getPayloadType().getSimpleName(),
                                  domain == null ? null : domain.getType(),
                                  domain == null ? null : domain.getAggregateIdentifier(),
                                  domain == null ? null : domain.getSequenceNumber(),
                                  event.getTimestamp(),
                                  event.getPayload(),
                                  event.getMetaData().withoutKeys(Set.of(StreamPosition.METADATA_KEY)));
        }
    }
}
