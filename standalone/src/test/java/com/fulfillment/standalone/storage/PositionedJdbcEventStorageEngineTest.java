package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.platform.events.StreamPosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The events the embedded store reads for a stream name their own global index, also when they filled a gap and
 * came with the token of an event further on.
 */
class PositionedJdbcEventStorageEngineTest {

    private JdbcDataSource dataSource;

    @BeforeEach
    void store() {
        dataSource = EventTables.create(getClass().getSimpleName());
    }

    @Test
    void anEventThatFillsAGapNamesItsOwnIndexWhereItsTokenHasTheFurthestOne() {
        stored(1, 2, 4); // 3: a transaction that has not committed yet
        List<? extends TrackedEventMessage<?>> first = read(null, events -> events);
        assertThat(first).extracting(StreamPosition::of)
                         .containsExactly(OptionalLong.of(1), OptionalLong.of(2), OptionalLong.of(4));

        stored(3, 5); // it commits, and one more after it
        List<? extends TrackedEventMessage<?>> then = read(first.get(2).trackingToken(), events -> events);

        assertThat(then).extracting(event -> event.getIdentifier()).containsExactly("event-3", "event-5");
        assertThat(then.get(0).trackingToken().position()).as("the gap filler's token").hasValue(4);
        assertThat(then).extracting(StreamPosition::of).containsExactly(OptionalLong.of(3), OptionalLong.of(5));
        assertThat(then).allMatch(event -> event instanceof DomainEventMessage<?>, "still domain events")
                        .extracting(event -> event.getMetaData().get("stored")).containsOnly("yes");
    }

    @Test
    void anEventAnUpcasterDropsLeavesTheOthersTheirOwnIndexes() {
        stored(1, 2, 3, 4);

        List<? extends TrackedEventMessage<?>> read =
                read(null, events -> events.filter(event -> !event.getMessageIdentifier().equals("event-2")));

        assertThat(read).extracting(StreamPosition::of)
                        .containsExactly(OptionalLong.of(1), OptionalLong.of(3), OptionalLong.of(4));
    }

    /**
     * The position is named once the metadata is read, not while the stream is read (a coordinator reads every
     * event), and it stays there through what a handler or a dead-letter queue does with the message.
     */
    @Test
    void thePositionIsNamedWhenTheMetadataIsReadAndKeptWhenMoreIsAdded() {
        stored(7);
        TrackedEventMessage<?> event = read(null, events -> events).get(0);
        Serializer serializer = JacksonSerializer.defaultSerializer();

        MetaData added = event.andMetaData(Map.of("traceId", "t-1")).getMetaData();
        SerializedObject<byte[]> serialized = event.serializeMetaData(serializer, byte[].class);

        assertThat(event.getMetaData()).containsEntry("stored", "yes")
                                       .containsEntry(StreamPosition.METADATA_KEY, 7L);
        assertThat(added).containsEntry("stored", "yes").containsEntry("traceId", "t-1")
                         .containsEntry(StreamPosition.METADATA_KEY, 7L);
        assertThat(serializer.<byte[], MetaData>deserialize(serialized))
                .containsEntry("stored", "yes").containsKey(StreamPosition.METADATA_KEY);
        assertThat(event.withMetaData(Map.of("only", "this")).getMetaData()).containsOnlyKeys("only");
    }

    /** A saga publishes events of no aggregate: they come back as plain tracked events, named as the others. */
    @Test
    void anEventOfNoAggregateNamesItsIndexToo() {
        stored(1);
        new JdbcTemplate(dataSource).update(
                "INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                + " metaData, payload, payloadType, timeStamp) VALUES (2, 'event-2', 0, NULL, 'event-2',"
                + " CAST('{\"stored\":\"yes\"}' AS BLOB), CAST('\"e\"' AS BLOB), 'java.lang.String', ?)",
                Instant.now().toString());

        List<? extends TrackedEventMessage<?>> read = read(null, events -> events);

        assertThat(read.get(1)).isNotInstanceOf(DomainEventMessage.class);
        assertThat(read).extracting(StreamPosition::of).containsExactly(OptionalLong.of(1), OptionalLong.of(2));
        assertThat(read.get(1).getMetaData()).containsEntry("stored", "yes");
        assertThat(read.get(1).trackingToken()).isNotNull();
    }

    private void stored(long... globalIndexes) {
        EventTables.storeEvents(dataSource, Instant.now(), globalIndexes);
    }

    private List<? extends TrackedEventMessage<?>> read(TrackingToken after, EventUpcaster upcasters) {
        PositionedJdbcEventStorageEngine engine =
                new PositionedJdbcEventStorageEngine(EventTables.builder(dataSource).upcasterChain(upcasters));
        return engine.readEvents(after, false).collect(Collectors.toList());
    }
}
