package com.fulfillment.standalone.storage;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** The runtime's event tables in an in-memory H2 database, and what the storage tests ask of them. */
final class EventTables {

    private EventTables() {
    }

    /** A new database of its own with the runtime's schema ({@code schema.sql}) and nothing in it. */
    static JdbcDataSource create(String name) {
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
    static JdbcEventStorageEngine.Builder builder(JdbcDataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                                     .connectionProvider(dataSource::getConnection)
                                     .transactionManager(NoTransactionManager.INSTANCE)
                                     .eventSerializer(JacksonSerializer.defaultSerializer())
                                     .snapshotSerializer(JacksonSerializer.defaultSerializer())
                                     .schema(new EventSchema());
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
