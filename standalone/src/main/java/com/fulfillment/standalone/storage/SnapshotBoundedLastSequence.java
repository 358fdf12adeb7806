package com.fulfillment.standalone.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.LastSequenceNumberForStatementBuilder;

/**
 * An aggregate's last sequence number, read from its snapshot onwards: {@code max(sequenceNumber)} over the events
 * at or after the sequence number of its snapshot, or over all its events when it has none.
 *
 * <p>Axon's statement ({@link JdbcEventStorageEngineStatements#lastSequenceNumberFor}) asks for
 * {@code max(sequenceNumber)} of every event of the aggregate, which H2 answers by reading each of the aggregate's
 * entries in the index {@code (aggregateIdentifier, sequenceNumber)}, not just the last one. The catalogue check of
 * every order asks this for each product the order names, so a bestseller with 50,000 events cost 50,000 index
 * entries per order, 9.7 % of the app's CPU at 25,000 orders and growing with every sale (BENCHMARKS.md, "What the
 * profile says"). Starting at the snapshot bounds the read by the snapshot threshold instead.
 *
 * <p>The answer is the same: the storage engine keeps one snapshot per aggregate (storing one deletes the older
 * ones), a snapshot at sequence number {@code s} was taken from the events up to {@code s}, and events are never
 * deleted, so the last event is at or after {@code s}.
 */
public final class SnapshotBoundedLastSequence implements LastSequenceNumberForStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, String aggregateIdentifier)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema));
        statement.setString(1, aggregateIdentifier);
        statement.setString(2, aggregateIdentifier);
        return statement;
    }

    static String sql(EventSchema schema) {
        String aggregate = schema.aggregateIdentifierColumn();
        String sequence = schema.sequenceNumberColumn();
        return "SELECT max(" + sequence + ") FROM " + schema.domainEventTable()
               + " WHERE " + aggregate + " = ? AND " + sequence + " >= COALESCE("
               + "(SELECT max(" + sequence + ") FROM " + schema.snapshotTable() + " WHERE " + aggregate + " = ?), 0)";
    }
}
