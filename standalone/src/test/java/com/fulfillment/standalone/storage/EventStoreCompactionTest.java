package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The event store's file under commits as the app makes them: each appends an event, indexed by a random identifier,
 * and rewrites a row that every commit rewrites (a processor's token). H2 writes a chunk per commit ({@code
 * WRITE_DELAY=0}, as the app runs it) and never overwrites a page, so nearly every chunk keeps a page or two that
 * is still live and the file grows by whole chunks unless they are compacted.
 */
class EventStoreCompactionTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration QUIET_INTERVAL = Duration.ofMillis(100);
    private static final int COMMITS = 100;

    @TempDir
    Path directory;

    @Test
    void aFileCompactedBetweenCommitsTakesAFractionOfTheSpaceOfOneLeftAlone() throws Exception {
        JdbcDataSource compacted = database("compacted");
        JdbcDataSource left = database("left");
        EventStoreCompaction compaction = new EventStoreCompaction(compacted, DataSize.ofMegabytes(4), INTERVAL,
                                                                   QUIET_INTERVAL);
        try (Connection withCompaction = compacted.getConnection(); Connection without = left.getConnection()) {
            for (int round = 0; round < 30; round++) {
                commit(withCompaction, COMMITS);
                commit(without, COMMITS);
                compaction.run();
            }

            long compactedSize = Files.size(directory.resolve("compacted.mv.db"));
            long leftSize = Files.size(directory.resolve("left.mv.db"));
            assertThat(compactedSize).as("compacted %d bytes, left alone %d", compactedSize, leftSize)
                                     .isLessThan(leftSize / 2);
        }
    }

    @Test
    void aQuietStoreWithChunksToRewriteIsCompactedAgainSoonAndABusyOneAtTheInterval() throws Exception {
        JdbcDataSource dataSource = database("store");
        // a small write limit, so that making the file dense takes many runs
        EventStoreCompaction compaction = new EventStoreCompaction(dataSource, DataSize.ofKilobytes(64), INTERVAL,
                                                                   QUIET_INTERVAL);
        try (Connection connection = dataSource.getConnection()) {
            for (int round = 0; round < 20; round++) {
                commit(connection, COMMITS);
            }
            long sparse = Files.size(directory.resolve("store.mv.db"));
            int sparseFillRate = chunksFillRate(connection);
            assertThat(sparseFillRate).isLessThan(50);

            assertThat(compaction.run()).as("first run: nothing known of the commits before it").isEqualTo(INTERVAL);
            assertThat(compaction.run()).as("no commit since the last run").isEqualTo(QUIET_INTERVAL);
            commit(connection, COMMITS);
            assertThat(compaction.run()).as("a hundred commits since the last run").isEqualTo(INTERVAL);

            int quietRuns = 0;
            while (compaction.run().equals(QUIET_INTERVAL)) {
                quietRuns++;
                assertThat(quietRuns).as("runs until nothing is left to rewrite").isLessThan(1_000);
            }
            assertThat(quietRuns).isPositive();
            // short of H2's target of 90 %: each run's own chunk is partly live, and a store this small is a few chunks
            assertThat(chunksFillRate(connection)).isGreaterThanOrEqualTo(70);
            assertThat(Files.size(directory.resolve("store.mv.db"))).isLessThan(sparse / 4);
            assertThat(compaction.run()).as("quick runs stopped gaining; nothing written since").isEqualTo(INTERVAL);
            commit(connection, COMMITS);
            compaction.run();
            assertThat(compaction.run()).as("quiet again after new commits").isEqualTo(QUIET_INTERVAL);
        }
    }

    @Test
    void aZeroIntervalSchedulesNoRun() throws Exception {
        JdbcDataSource dataSource = database("off");
        try (Connection connection = dataSource.getConnection();
             EventStoreCompaction ignored = new EventStoreCompaction(dataSource, DataSize.ofMegabytes(4),
                                                                     Duration.ZERO, QUIET_INTERVAL).start()) {
            for (int round = 0; round < 20; round++) {
                commit(connection, COMMITS);
            }
            long before = Files.size(directory.resolve("off.mv.db"));
            Thread.sleep(300);
            assertThat(chunksFillRate(connection)).isLessThan(90);
            assertThat(Files.size(directory.resolve("off.mv.db"))).isEqualTo(before);
        }
    }

    /** An H2 file database as the app opens its event store, with the space of a dead chunk reusable at once. */
    private JdbcDataSource database(String name) throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:" + directory.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE event (position BIGINT AUTO_INCREMENT PRIMARY KEY, "
                              + "identifier VARCHAR(36) NOT NULL UNIQUE, payload VARCHAR(400) NOT NULL)");
            statement.execute("CREATE TABLE token (processor VARCHAR(40) PRIMARY KEY, position BIGINT NOT NULL)");
            statement.execute("INSERT INTO token VALUES ('projection', 0)");
        }
        return dataSource;
    }

    /** {@code count} commits, each appending an event and moving the token on. */
    private static void commit(Connection connection, int count) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement append = connection.prepareStatement(
                     "INSERT INTO event (identifier, payload) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS);
             PreparedStatement token = connection.prepareStatement(
                     "UPDATE token SET position = ? WHERE processor = 'projection'")) {
            for (int event = 0; event < count; event++) {
                append.setString(1, UUID.randomUUID().toString());
                append.setString(2, "{\"orderId\":\"" + UUID.randomUUID() + "\",\"lines\":[]}");
                append.executeUpdate();
                try (ResultSet position = append.getGeneratedKeys()) {
                    position.next();
                    token.setLong(1, position.getLong(1));
                }
                token.executeUpdate();
                connection.commit();
            }
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int chunksFillRate(Connection connection) throws SQLException {
        return EventStoreCompaction.mvStoreOf(connection).getFileStore().getChunksFillRate();
    }
}
