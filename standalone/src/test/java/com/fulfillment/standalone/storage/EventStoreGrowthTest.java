package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.util.unit.DataSize;

/**
 * The event database's write pattern, without the app: every event appended in its own transaction, and per
 * event the rows that are rewritten for it (processor tokens, the order's saga, its deadline), each in its
 * own transaction, as the command side, the processors and the sagas do. Opened with the runtime's own JDBC
 * URL and schema, so a change of H2 settings shows here first.
 */
class EventStoreGrowthTest {

    private static final int ORDERS = 100;
    private static final int EVENTS_PER_ORDER = 10;
    private static final int PROCESSORS = 3;
    private static final int COMPACT_EVERY_ORDERS = 10;
    /**
     * Above the app's 2 KB per event target: here every statement is a transaction of its own, and each event
     * rewrites several tokens, so there are more chunks per event than the app writes. Without compaction
     * this pattern left 95 KB per event (BENCHMARKS.md).
     */
    private static final long COMPACTED_BYTES_PER_EVENT = 4096;

    @TempDir
    Path dataDir;

    @Test
    void compactionKeepsTheFileWithinAFewKilobytesPerEvent() throws Exception {
        JdbcDataSource dataSource = dataSource();
        // A write limit a run never reaches, so the outcome does not depend on how busy the machine is; whether the
        // app's frequent, bounded runs keep up is measured on the app itself (BENCHMARKS.md).
        EventStoreCompaction compaction = new EventStoreCompaction(dataSource, DataSize.ofMegabytes(256));
        try (Connection connection = dataSource.getConnection()) {
            // The test runs for seconds: with the app's retention time it would measure the chunks of its last
            // seconds, which the app reuses shortly after, not what compaction leaves.
            connection.createStatement().execute("SET RETENTION_TIME 0");
            Workload workload = new Workload(connection);
            for (int order = 1; order <= ORDERS; order++) {
                workload.order(order);
                if (order % COMPACT_EVERY_ORDERS == 0) {
                    compaction.run();
                }
            }
            assertThat(bytesPerEvent()).isLessThanOrEqualTo(COMPACTED_BYTES_PER_EVENT);
        }
    }

    private long bytesPerEvent() throws IOException {
        long size = Files.size(dataDir.resolve("events.mv.db"));
        long bytesPerEvent = size / ((long) ORDERS * EVENTS_PER_ORDER);
        System.out.printf("events.mv.db: %,d bytes after %,d events, %,d bytes per event%n",
                          size, ORDERS * EVENTS_PER_ORDER, bytesPerEvent);
        return bytesPerEvent;
    }

    private JdbcDataSource dataSource() throws SQLException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        String url = yaml.getObject().getProperty("spring.datasource.url")
                         .replace("${fulfillment.data-dir}", dataDir.toString());
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("schema.sql"));
        }
        return dataSource;
    }

    /** What one order does to the event database, one auto-committed statement per transaction. */
    private static final class Workload {

        private final Random random = new Random(13);
        private final PreparedStatement appendEvent;
        private final PreparedStatement storeToken;
        private final PreparedStatement insertSaga;
        private final PreparedStatement updateSaga;
        private final PreparedStatement deleteSaga;
        private final PreparedStatement insertAssociation;
        private final PreparedStatement deleteAssociations;
        private final PreparedStatement scheduleDeadline;
        private final PreparedStatement removeDeadline;
        private long globalIndex;

        Workload(Connection connection) throws SQLException {
            appendEvent = connection.prepareStatement(
                    "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,"
                    + " payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, 'Aggregate', ?, ?, ?, '1', ?, ?)");
            storeToken = connection.prepareStatement(
                    "MERGE INTO TokenEntry (processorName, segment, token, tokenType, timestamp, owner)"
                    + " KEY (processorName, segment) VALUES (?, 0, ?, 'GapAwareTrackingToken', ?, 'node')");
            insertSaga = connection.prepareStatement("INSERT INTO SagaEntry VALUES (?, NULL, 'OrderSaga', ?)");
            updateSaga = connection.prepareStatement("UPDATE SagaEntry SET serializedSaga = ? WHERE sagaId = ?");
            deleteSaga = connection.prepareStatement("DELETE FROM SagaEntry WHERE sagaId = ?");
            insertAssociation = connection.prepareStatement(
                    "INSERT INTO AssociationValueEntry (associationKey, associationValue, sagaType, sagaId)"
                    + " VALUES ('orderId', ?, 'OrderSaga', ?)");
            deleteAssociations = connection.prepareStatement("DELETE FROM AssociationValueEntry WHERE sagaId = ?");
            scheduleDeadline = connection.prepareStatement(
                    "INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)"
                    + " VALUES ('deadline', ?, ?, CURRENT_TIMESTAMP, FALSE, 1)");
            removeDeadline = connection.prepareStatement("DELETE FROM scheduled_tasks WHERE task_instance = ?");
        }

        void order(int number) throws SQLException {
            String orderId = "order-" + UUID.randomUUID();
            String sagaId = UUID.randomUUID().toString();
            for (int event = 0; event < EVENTS_PER_ORDER; event++) {
                // the order's stream, a product's, and the payment's, as the three contexts append them
                String aggregate = switch (event % 3) {
                    case 0 -> orderId;
                    case 1 -> "product-" + random.nextInt(100);
                    default -> "payment-" + orderId;
                };
                appendEvent.setString(1, aggregate);
                appendEvent.setLong(2, number * 100L + event);
                appendEvent.setString(3, UUID.randomUUID().toString());
                appendEvent.setBytes(4, randomBytes(150));
                appendEvent.setBytes(5, randomBytes(144));
                appendEvent.setString(6, "com.fulfillment.order.api.OrderPlacedEvent");
                appendEvent.setString(7, Instant.now().toString());
                appendEvent.executeUpdate();
                globalIndex++;
                for (int processor = 0; processor < PROCESSORS; processor++) {
                    storeToken.setString(1, "processor-" + processor);
                    storeToken.setBytes(2, ("{\"index\":" + globalIndex + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8));
                    storeToken.setString(3, Instant.now().toString());
                    storeToken.executeUpdate();
                }
                sagaStep(event, orderId, sagaId);
            }
        }

        private void sagaStep(int event, String orderId, String sagaId) throws SQLException {
            if (event == 0) {
                insertSaga.setString(1, sagaId);
                insertSaga.setBytes(2, randomBytes(400));
                insertSaga.executeUpdate();
                insertAssociation.setString(1, orderId);
                insertAssociation.setString(2, sagaId);
                insertAssociation.executeUpdate();
                scheduleDeadline.setString(1, sagaId);
                scheduleDeadline.setBytes(2, randomBytes(300));
                scheduleDeadline.executeUpdate();
            } else if (event < EVENTS_PER_ORDER - 1) {
                updateSaga.setBytes(1, randomBytes(400));
                updateSaga.setString(2, sagaId);
                updateSaga.executeUpdate();
            } else {
                for (PreparedStatement end : new PreparedStatement[] {deleteSaga, deleteAssociations, removeDeadline}) {
                    end.setString(1, sagaId);
                    end.executeUpdate();
                }
            }
        }

        private byte[] randomBytes(int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }
    }
}
