package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An aggregate's last sequence number on the runtime's schema in H2: the same as Axon's statement gives, for
 * aggregates with and without a snapshot, while reading one index entry.
 */
class LastSequenceFromIndexEndTest {

    /** Events of the long-lived aggregate; its snapshot is at {@link #SNAPSHOT_AT}. */
    private static final int HOT_EVENTS = 20_000;
    private static final int SNAPSHOT_AT = 19_000;

    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void store() {
        dataSource = EventTables.create(getClass().getSimpleName());
        jdbc = new JdbcTemplate(dataSource);
        append("hot", HOT_EVENTS, 0);
        snapshot("hot", SNAPSHOT_AT);
        append("young", 12, HOT_EVENTS);
        // snapshotted at its last event: nothing after the snapshot
        append("settled", 30, HOT_EVENTS + 12);
        snapshot("settled", 29);
    }

    @Test
    void answersAsAxonsStatementDoes() {
        JdbcEventStorageEngine axons = engine(false);
        JdbcEventStorageEngine fromTheEnd = engine(true);
        for (String aggregate : new String[] {"hot", "young", "settled", "unknown"}) {
            assertThat(fromTheEnd.lastSequenceNumberFor(aggregate)).as(aggregate)
                                                                  .isEqualTo(axons.lastSequenceNumberFor(aggregate));
        }
        assertThat(fromTheEnd.lastSequenceNumberFor("hot")).hasValue(HOT_EVENTS - 1L);
        assertThat(fromTheEnd.lastSequenceNumberFor("young")).hasValue(11L);
        assertThat(fromTheEnd.lastSequenceNumberFor("settled")).hasValue(29L);
        assertThat(fromTheEnd.lastSequenceNumberFor("unknown")).isEqualTo(Optional.empty());
    }

    @Test
    void followsEventsAppendedAfterTheSnapshot() {
        append("settled", 5, 30, HOT_EVENTS + 100);
        assertThat(engine(true).lastSequenceNumberFor("settled")).hasValue(34L);
    }

    @Test
    void readsOneEntryOfTheIndex() throws SQLException {
        int fromTheEnd = rowsScanned(LastSequenceFromIndexEnd.sql(new EventSchema()), 1);
        int axons = rowsScanned("SELECT max(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?", 1);

        assertThat(axons).as("Axon's statement reads every entry of the aggregate").isGreaterThanOrEqualTo(HOT_EVENTS);
        assertThat(fromTheEnd).as("entries read (Axon's statement: %d)", axons).isEqualTo(1);
    }

    private int rowsScanned(String sql, int parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 1; i <= parameters; i++) {
                explain.setString(i, "hot");
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return EventTables.rowsScanned(plan.getString(1));
            }
        }
    }

    private void append(String aggregate, int events, long firstGlobalIndex) {
        append(aggregate, events, 0, firstGlobalIndex);
    }

    private void append(String aggregate, int events, int firstSequence, long firstGlobalIndex) {
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type,"
                    + " eventIdentifier, metaData, payload, payloadType, timeStamp)"
                    + " SELECT ? + X, ?, ? + X, 'Product', ? || (? + X), CAST('{}' AS BLOB), CAST('\"e\"' AS BLOB),"
                    + " 'java.lang.String', '2026-12-05T00:00:00Z' FROM SYSTEM_RANGE(0, ?)",
                    firstGlobalIndex, aggregate, firstSequence, aggregate + "-", firstSequence, events - 1);
    }

    private void snapshot(String aggregate, long sequenceNumber) {
        jdbc.update("INSERT INTO SnapshotEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                    + " metaData, payload, payloadType, timeStamp) VALUES (?, ?, 'Product', ?, CAST('{}' AS BLOB),"
                    + " CAST('\"s\"' AS BLOB), 'java.lang.String', '2026-12-05T00:00:00Z')",
                    aggregate, sequenceNumber, aggregate + "-snapshot-" + sequenceNumber);
    }

    private JdbcEventStorageEngine engine(boolean fromTheEnd) {
        return EventTables.engine(dataSource,
                                  builder -> fromTheEnd ? builder.lastSequenceNumberFor(new LastSequenceFromIndexEnd())
                                                        : builder);
    }
}
