package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read of a token with gaps, on the runtime's schema in H2: the same events as Axon's own statement, found
 * through the primary key instead of a scan of the whole table.
 */
class IndexedGapQueryTest {

    private static final int STORED = 5_000;
    /** Positions never written (a rolled-back append): gaps that stay open. */
    private static final Set<Long> NEVER_WRITTEN = Set.of(1_000L, 2_000L, 4_100L);

    private JdbcDataSource dataSource;

    @BeforeEach
    void storeWithHoles() {
        dataSource = EventTables.create(getClass().getSimpleName());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type,"
                    + " eventIdentifier, metaData, payload, payloadType, timeStamp)"
                    + " SELECT X, 'product-' || MOD(X, 7), X, 'Product', 'event-' || X, CAST('{}' AS BLOB),"
                    + " CAST('\"e\"' AS BLOB),"
                    + " 'java.lang.String', '2026-12-05T00:00:00Z' FROM SYSTEM_RANGE(1, " + STORED + ")"
                    + " WHERE X NOT IN (1000, 2000, 4100)");
    }

    @Test
    void readsTheSameEventsAsAxonsStatement() {
        // Gaps the token still has open: two never written, two written since (3000, 3999), one after the index.
        TrackingToken token = GapAwareTrackingToken.newInstance(4_000, new TreeSet<>(List.of(1_000L, 2_000L,
                                                                                               3_000L, 3_999L)));

        List<Long> axons = positionsAfter(token, engine(false));
        List<Long> indexed = positionsAfter(token, engine(true));

        assertThat(indexed).isEqualTo(axons);
        assertThat(indexed).startsWith(3_000L, 3_999L, 4_001L).doesNotContainAnyElementsOf(NEVER_WRITTEN)
                           .hasSize(2 + STORED - 4_000 - 1).isSorted();
    }

    @Test
    void findsABatchThroughThePrimaryKeyInsteadOfScanningTheTable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement(
                     "EXPLAIN ANALYZE " + IndexedGapQuery.sql(new EventSchema(), 3))) {
            explain.setLong(1, 4_000);
            explain.setLong(2, 4_000 + 100);
            explain.setLong(3, 1_000);
            explain.setLong(4, 3_000);
            explain.setLong(5, 3_999);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                String text = plan.getString(1);
                assertThat(text).contains("PRIMARY_KEY");
                assertThat(EventTables.rowsScanned(text)).as("rows read for a batch of 100 and 3 gaps in %s", text)
                                             .isLessThan(120);
            }
        }
    }

    private JdbcEventStorageEngine engine(boolean indexed) {
        return EventTables.engine(dataSource, builder -> {
            builder.batchSize(100);
            return indexed ? builder.readEventDataWithGaps(new IndexedGapQuery()) : builder;
        });
    }

    private static List<Long> positionsAfter(TrackingToken token, JdbcEventStorageEngine engine) {
        return engine.readEvents(token, false)
                     // the rows were written with identifier "event-" + their global index
                     .map(event -> Long.parseLong(event.getIdentifier().substring("event-".length())))
                     .collect(Collectors.toList());
    }
}
