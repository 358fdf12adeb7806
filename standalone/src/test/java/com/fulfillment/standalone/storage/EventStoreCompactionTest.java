package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
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
    void aQuietFileWhoseLiveChunksSitAtItsEndIsMadeShorterByMovingThem() throws Exception {
        try (HikariDataSource pool = pool("moved", true)) {
            long sparse = sparseFile(pool, "moved");
            EventStoreCompaction compaction = compaction(pool);
            compaction.run();
            assertThat(compaction.run()).as("a quiet run that moved chunks").isEqualTo(QUIET_INTERVAL);
            for (int run = 0; run < 10; run++) {
                compaction.run();
            }

            assertShorter("moved", sparse);
            assertThat(payloads(pool)).as("the rows kept, intact").hasSize(ROWS).allSatisfy(
                    payload -> assertThat(payload).hasSize(PAYLOAD_LENGTH).matches("(x)+"));
        }
    }

    @Test
    void noChunkIsMovedWhileAConnectionIsLentOutOrWhenThePoolCannotBeSuspended() throws Exception {
        try (HikariDataSource pool = pool("held", true); HikariDataSource fixed = pool("fixed", false)) {
            long heldSize = sparseFile(pool, "held");
            long fixedSize = sparseFile(fixed, "fixed");
            EventStoreCompaction compaction = compaction(pool);
            EventStoreCompaction withoutPause = compaction(fixed);
            try (Connection held = pool.getConnection()) {
                held.setAutoCommit(false);
                held.createStatement().executeUpdate("UPDATE token SET position = position + 1");
                for (int run = 0; run < 5; run++) {
                    compaction.run();
                    withoutPause.run();
                }
                assertThat(Files.size(directory.resolve("held.mv.db"))).isEqualTo(heldSize);
                assertThat(Files.size(directory.resolve("fixed.mv.db"))).isEqualTo(fixedSize);
                held.commit();
            }
            compaction.run();
            compaction.run();
            assertThat(Files.size(directory.resolve("held.mv.db"))).as("once it is back").isLessThan(heldSize);
        }
    }

    @Test
    void writersWaitForAMoveAndLoseNothing() throws Exception {
        try (HikariDataSource pool = pool("busy", true)) {
            long sparse = sparseFile(pool, "busy");
            EventStoreCompaction compaction = compaction(pool);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> appended = new ArrayList<>();
                for (int writer = 0; writer < 2; writer++) {
                    appended.add(writers.submit(() -> { // fewer than 10 commits a second in all: the store stays quiet
                        int commits = 0;
                        while (writing.get()) {
                            try (Connection connection = pool.getConnection()) {
                                commit(connection, 1);
                            }
                            commits++;
                            Thread.sleep(500);
                        }
                        return commits;
                    }));
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < until) {
                    Thread.sleep(compaction.run().toMillis());
                }
                writing.set(false);
                int commits = 0;
                for (Future<Integer> writer : appended) {
                    commits += writer.get(10, TimeUnit.SECONDS);
                }

                assertShorter("busy", sparse);
                assertThat(payloads(pool)).hasSize(ROWS);
                try (Connection connection = pool.getConnection();
                     ResultSet events = connection.createStatement().executeQuery("SELECT COUNT(*) FROM event")) {
                    events.next();
                    assertThat(events.getInt(1)).isEqualTo(commits).isPositive();
                }
            } finally {
                writing.set(false);
                writers.shutdownNow();
            }
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

    private static final int ROWS = 200;
    private static final int PAYLOAD_LENGTH = 10_000;

    /**
     * A file as a bulk load leaves it: a large commit of rows that stay, after another of as many that are gone,
     * so that the live chunk sits at the end of a file half of which is free. Returns the file's length.
     */
    private long sparseFile(DataSource dataSource, String name) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS kept (id INT PRIMARY KEY, payload VARCHAR(10000))");
            statement.execute("CREATE TABLE IF NOT EXISTS gone (id INT PRIMARY KEY, payload VARCHAR(10000))");
            statement.execute("INSERT INTO gone SELECT X, REPEAT('y', " + PAYLOAD_LENGTH + ") FROM SYSTEM_RANGE(1, "
                              + ROWS + ")");
            statement.execute("INSERT INTO kept SELECT X, REPEAT('x', " + PAYLOAD_LENGTH + ") FROM SYSTEM_RANGE(1, "
                              + ROWS + ")");
            statement.execute("DROP TABLE gone");
            MVStore store = EventStoreCompaction.mvStoreOf(connection);
            for (int commit = 0; commit < 3; commit++) { // H2 frees a chunk a few versions after its last page died
                statement.executeUpdate("UPDATE token SET position = position + 1");
            }
            assertThat(store.getFillRate()).isLessThan(EventStoreCompaction.MOVE_BELOW_FILL_RATE);
        }
        return Files.size(directory.resolve(name + ".mv.db"));
    }

    private static EventStoreCompaction compaction(DataSource pool) {
        return new EventStoreCompaction(pool, DataSize.ofMegabytes(4), INTERVAL, QUIET_INTERVAL);
    }

    /** The file holds what it did in two thirds of its length at most. */
    private void assertShorter(String name, long sparse) throws IOException {
        assertThat(Files.size(directory.resolve(name + ".mv.db"))).as("of %d bytes", sparse)
                                                                 .isLessThan(sparse * 2 / 3);
    }

    private static List<String> payloads(DataSource dataSource) throws SQLException {
        List<String> payloads = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT payload FROM kept ORDER BY id")) {
            while (rows.next()) {
                payloads.add(rows.getString(1));
            }
        }
        return payloads;
    }

    /** The app's connection pool on a database made by {@link #database(String)}. */
    private HikariDataSource pool(String name, boolean suspendable) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database(name));
        config.setMaximumPoolSize(4);
        config.setAllowPoolSuspension(suspendable);
        return new HikariDataSource(config);
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
