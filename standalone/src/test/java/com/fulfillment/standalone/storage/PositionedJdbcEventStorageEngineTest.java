package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.platform.events.StreamPosition;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    private void stored(long... globalIndexes) {
        EventTables.storeEvents(dataSource, Instant.now(), globalIndexes);
    }

    private List<? extends TrackedEventMessage<?>> read(TrackingToken after, EventUpcaster upcasters) {
        PositionedJdbcEventStorageEngine engine =
                new PositionedJdbcEventStorageEngine(EventTables.builder(dataSource).upcasterChain(upcasters));
        return engine.readEvents(after, false).collect(Collectors.toList());
    }
}
