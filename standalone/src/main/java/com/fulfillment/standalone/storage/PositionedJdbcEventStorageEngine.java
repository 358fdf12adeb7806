package com.fulfillment.standalone.storage;

import com.fulfillment.platform.events.StreamPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC storage engine that names every event's global index in the metadata of the events it reads for a
 * stream ({@link StreamPosition#METADATA_KEY}). The gap-aware token it hands out with an event that filled a gap
 * holds the position of the furthest event read, not the event's own, and projections that order events of one
 * instant by their place in the stream need the event's own (see {@link StreamPosition}). Nothing is stored: the
 * index is the table's own column, read with the event.
 */
public class PositionedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    public PositionedJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    /**
     * Axon's own read of a stream ({@code AbstractEventStorageEngine.readEvents}), with each row's index noted on the
     * way into the upcasters and named on the messages that come out: the index is in the row, not in the message.
     */
    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Positions positions = new Positions();
        Stream<? extends TrackedEventData<?>> read = readEventData(trackingToken, mayBlock).peek(positions::read);
        return EventUtils.upcastAndDeserializeTrackedEvents(read, getEventSerializer(), upcasterChain)
                         .map(positions::named);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> event = super.getTrackedEventData(resultSet, previousToken);
        return new PositionedEventData<>(event.trackingToken(), (DomainEventData<?>) event,
                                         resultSet.getLong(schema().globalIndexColumn()));
    }

    /** A stored event as read, with its global index. */
    private static final class PositionedEventData<T> extends TrackedDomainEventData<T> {

        private final long globalIndex;

        private PositionedEventData(TrackingToken token, DomainEventData<T> event, long globalIndex) {
            super(token, event);
            this.globalIndex = globalIndex;
        }
    }

    /**
     * The global indexes of the events read for one stream, until their messages come out of the upcasters. A message
     * carries the very token object of the event it was made from; an upcaster may drop an event (its index is passed
     * over) or make several messages of one (they share it). A stream is read by one thread at a time.
     */
    private static final class Positions {

        private final Deque<PositionedEventData<?>> read = new ArrayDeque<>();

        void read(TrackedEventData<?> event) {
            if (event instanceof PositionedEventData<?> positioned) {
                read.addLast(positioned);
            }
        }

        TrackedEventMessage<?> named(TrackedEventMessage<?> message) {
            PositionedEventData<?> source = read.peekFirst();
            while (source != null && source.trackingToken() != message.trackingToken()) {
                read.removeFirst();
                source = read.peekFirst();
            }
            if (source == null) {
                return message;
            }
            return positioned(message, source.globalIndex);
        }

        /** The event with its position named in its metadata; a domain event stays one. */
        private static <T> TrackedEventMessage<T> positioned(TrackedEventMessage<T> event, long position) {
            PositionNamed<T> named = new PositionNamed<>(event, position);
            if (event instanceof DomainEventMessage<T> domainEvent) {
                return new GenericTrackedDomainEventMessage<>(event.trackingToken(), domainEvent.getType(),
                                                              domainEvent.getAggregateIdentifier(),
                                                              domainEvent.getSequenceNumber(), named,
                                                              event::getTimestamp);
            }
            return new GenericTrackedEventMessage<>(event.trackingToken(), named, event::getTimestamp);
        }
    }

    /**
     * A message whose metadata names its position once somebody asks for it. Every processor's coordinator reads each
     * event of its stream, and naming the position at once ({@code andMetaData}) made it read the event's metadata and
     * its time as well: 30 % of the samples of customer-view's coordinator, the thread that paces its rebuild
     * (BENCHMARKS.md, "The view documents written without reflection"). Read this way, the metadata is read where a
     * handler needs it, on the thread of the work package that handles the event.
     */
    private static final class PositionNamed<T> extends MessageDecorator<T> {

        private final long position;
        private transient volatile MetaData named;

        private PositionNamed(Message<T> delegate, long position) {
            super(delegate);
            this.position = position;
        }

        @Override
        public MetaData getMetaData() {
            MetaData metaData = named;
            if (metaData == null) {
                metaData = getDelegate().getMetaData().and(StreamPosition.METADATA_KEY, position);
                named = metaData;
            }
            return metaData;
        }

        @Override
        public <S> SerializedObject<S> serializeMetaData(Serializer serializer, Class<S> expectedRepresentation) {
            return serializer.serialize(getMetaData(), expectedRepresentation);
        }

        @Override
        public Message<T> withMetaData(Map<String, ?> metaData) {
            return getDelegate().withMetaData(metaData);
        }

        @Override
        public Message<T> andMetaData(Map<String, ?> metaData) {
            return getDelegate().withMetaData(getMetaData().mergedWith(metaData));
        }
    }
}
