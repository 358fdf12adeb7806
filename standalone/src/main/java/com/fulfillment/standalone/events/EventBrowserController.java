package com.fulfillment.standalone.events;

import com.fulfillment.platform.events.StreamPosition;
import com.fulfillment.platform.web.ApiProblems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.lang.Nullable;
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
@RequestMapping(EventBrowserController.PATH)
@Validated
class EventBrowserController {

    static final String PATH = "/api/admin/events";
    private static final int POLL_MILLIS = 50;

    /** At most this many gaps go from page to page (Axon's JDBC store cleans a token's gaps past as many). */
    static final int MAX_GAPS = 250;

    private final EventStore eventStore;

    EventBrowserController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Events in the order they became visible, starting after global index {@code after} (-1: from the beginning)
     * and taking in any of the {@code gaps} below it that have been committed since: an index left out of an earlier
     * page because its transaction had not committed yet. Each page names where to go on from, {@code next} and its
     * {@code gaps}, as a tracking processor's token does; a gap filled later shows on a later page under its own,
     * lower index.
     */
    @GetMapping
    EventPage stream(@RequestParam(defaultValue = "-1") @Min(-1) long after,
                     @RequestParam(required = false) List<Long> gaps,
                     @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) throws InterruptedException {
        SortedSet<Long> open = gaps == null ? new TreeSet<>() : new TreeSet<>(gaps);
        if (open.size() > MAX_GAPS) {
            throw ApiProblems.invalidField("gaps", "at most " + MAX_GAPS + " gaps, as a page names them", PATH);
        }
        if (!open.isEmpty() && (open.first() < 0 || open.last() >= after)) {
            throw ApiProblems.invalidField("gaps", "every gap must be a global index from 0 to below after ("
                                                   + after + "), as the page that named it gave them", PATH);
        }
        TrackingToken start = after < 0 ? null : GapAwareTrackingToken.newInstance(after, open);
        List<EventEntry> events = new ArrayList<>();
        TrackingToken reached = start;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            while (events.size() < limit && stream.hasNextAvailable(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                // the token is where to go on from; an event that filled a gap names its own, lower position
                reached = event.trackingToken();
                long position = reached.position().orElse(after);
                events.add(EventEntry.of(event, StreamPosition.of(event).orElse(position)));
            }
        }
        return EventPage.after(events, reached, after);
    }

    /** Every event of one aggregate, oldest first. */
    @GetMapping(params = "aggregateId")
    EventPage aggregate(@RequestParam @Size(min = 1, max = 200) String aggregateId) {
        List<EventEntry> events = eventStore.readEvents(aggregateId).asStream()
                                            .map(event -> EventEntry.of(event, null))
                                            .toList();
        return new EventPage(events);
    }

    /**
     * A page of events, the global index to continue after and the gaps below it to ask for again (none when the page
     * is one aggregate's stream).
     */
    record EventPage(List<EventEntry> events, Long next, List<Long> gaps) {

        EventPage(List<EventEntry> events) {
            this(events, null, List.of());
        }

        static EventPage after(List<EventEntry> events, @Nullable TrackingToken reached, long after) {
            if (reached instanceof GapAwareTrackingToken token) {
                // Axon drops gaps older than its gap timeout once a token holds more than its cleaning threshold;
                // the newest ones are those still likely to be committed
                List<Long> open = List.copyOf(token.getGaps());
                return new EventPage(events, token.getIndex(),
                                     open.subList(Math.max(0, open.size() - MAX_GAPS), open.size()));
            }
            return new EventPage(events, reached == null ? after : reached.position().orElse(after), List.of());
        }
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
