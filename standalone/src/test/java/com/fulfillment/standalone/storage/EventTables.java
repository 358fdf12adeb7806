package com.fulfillment.standalone.storage;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The runtime's event tables in an in-memory H2 database, and what the storage tests ask of them. */
public final class EventTables {

    private EventTables() {
    }

    /** A new database of its own with the runtime's schema ({@code schema.sql}) and nothing in it. */
    public static JdbcDataSource create(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(dataSource);
        return dataSource;
    }

    /** Axon's JDBC storage engine on {@code dataSource}, as {@code statements} change its builder. */
    static JdbcEventStorageEngine engine(JdbcDataSource dataSource,
                                         UnaryOperator<JdbcEventStorageEngine.Builder> statements) {
        return statements.apply(builder(dataSource)).build();
    }

    /** The builder of Axon's JDBC storage engine on {@code dataSource}, set up as the runtime's. */
    public static JdbcEventStorageEngine.Builder builder(JdbcDataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                                     .connectionProvider(dataSource::getConnection)
                                     .transactionManager(NoTransactionManager.INSTANCE)
                                     .eventSerializer(JacksonSerializer.defaultSerializer())
                                     .snapshotSerializer(JacksonSerializer.defaultSerializer())
                                     .schema(new EventSchema());
    }

    /**
     * Stores, for each global index, event {@code "event-<globalIndex>"} of aggregate {@code product-1} (a string
     * payload, metadata {@code stored=yes}) at exactly that index, as a transaction that took it and committed would
     * have.
     */
    public static void storeEvents(JdbcDataSource dataSource, Instant timestamp, long... globalIndexes) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (long index : globalIndexes) {
            jdbc.update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber, type,"
                        + " eventIdentifier, metaData, payload, payloadType, timeStamp)"
                        + " VALUES (?, 'product-1', ?, 'Product', ?, CAST('{\"stored\":\"yes\"}' AS BLOB),"
                        + " CAST('\"e\"' AS BLOB), 'java.lang.String', ?)",
                        index, index, "event-" + index, timestamp.toString());
        }
    }

    /** The rows an {@code EXPLAIN ANALYZE} plan says its statement read, over all its tables. */
    static int rowsScanned(String plan) {
        Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        int rows = 0;
        while (scans.find()) {
            rows += Integer.parseInt(scans.group(1));
        }
        return rows;
    }
}
