package com.fulfillment.standalone.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.LastSequenceNumberForStatementBuilder;

/**
 * An aggregate's last sequence number, read as the last entry of its range in the index
 * {@code (aggregateIdentifier, sequenceNumber)}: the aggregate's events in descending order of both columns, the
 * first row only. H2 walks that unique index backwards from the end of the aggregate's range and stops at one entry.
 *
 * <p>Axon's statement ({@link JdbcEventStorageEngineStatements#lastSequenceNumberFor}) asks for
 * {@code max(sequenceNumber)} of every event of the aggregate, which H2 answers by reading each of the aggregate's
 * entries in that index, not just the last one. The catalogue check of every order asks this for each product the
 * order names, so a bestseller with 50,000 events cost 50,000 index entries per order, 9.7 % of the app's CPU at
 * 25,000 orders and growing with every sale (BENCHMARKS.md, "What the profile says"). Bounding the read by the
 * product's snapshot still left up to a snapshot threshold's entries (1,000), 3.7 % of the CPU of a warmed app
 * (BENCHMARKS.md, "The last sequence number from the index's end").
 *
 * <p>No row, where Axon's statement gives one row of NULL, for an aggregate without events: the storage engine reads
 * both as "none".
 */
public final class LastSequenceFromIndexEnd implements LastSequenceNumberForStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, String aggregateIdentifier)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema));
        statement.setString(1, aggregateIdentifier);
        return statement;
    }

    static String sql(EventSchema schema) {
        String aggregate = schema.aggregateIdentifierColumn();
        String sequence = schema.sequenceNumberColumn();
        // both columns in the order, so that H2 takes the two-column index, read backwards, for it
        return "SELECT " + sequence + " FROM " + schema.domainEventTable() + " WHERE " + aggregate + " = ?"
               + " ORDER BY " + aggregate + " DESC, " + sequence + " DESC FETCH FIRST ROW ONLY";
    }
}
