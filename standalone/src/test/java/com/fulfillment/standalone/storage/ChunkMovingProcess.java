package com.fulfillment.standalone.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * A JVM of its own that keeps {@link EventStoreCompaction} moving chunks, for {@link EventStoreCompactionCrashTest}
 * to kill in the middle of a move: round after round it commits rows that stay behind a table of rows that go,
 * drops that table (so that the live chunks sit at the end of a file largely free), says so, and runs the
 * compaction a few times. It prints {@code kept <round>} once a round's rows are committed, {@code moving} each time
 * the compaction has paused the pool to move chunks, and {@code moved in <microseconds>} when it resumes it.
 */
final class ChunkMovingProcess {

    static final int ROWS = 200;
    /** Eight times the rows that stay: the file stays largely free, and moving, for dozens of rounds. */
    private static final int GONE_ROWS = 8 * ROWS;
    static final int PAYLOAD_LENGTH = 10_000;
    private static final int ROUNDS = 1_000;
    /** Long enough after a round's handful of commits for the compaction to find the store quiet. */
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final int RUNS_PER_ROUND = 10;

    private ChunkMovingProcess() {
    }

    /** The database as the app opens its event store (without the app's own file system, which needs its context). */
    static String url(String file) {
        return "jdbc:h2:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME=2000";
    }

    /** The payload of a row that stays: its round and id, repeated. */
    static String payload(int round, int id) {
        return String.valueOf((char) ('a' + (round * 31 + id) % 26)).repeat(PAYLOAD_LENGTH);
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(args[0]));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setAllowPoolSuspension(true);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            WriterPause hikari = WriterPause.of(pool);
            WriterPause announced = new WriterPause() {
                private long pausedAt;

                @Override
                public boolean pause(Duration wait) {
                    boolean paused = hikari.pause(wait);
                    if (paused) {
                        pausedAt = System.nanoTime();
                        out.println("moving");
                        out.flush();
                    }
                    return paused;
                }

                @Override
                public void resume() {
                    hikari.resume();
                    out.println("moved in " + (System.nanoTime() - pausedAt) / 1_000 + " µs");
                    out.flush();
                }
            };
            EventStoreCompaction compaction = new EventStoreCompaction(pool, announced, DataSize.ofMegabytes(4),
                                                                       Duration.ofSeconds(1), Duration.ofMillis(10));
            for (int round = firstRound(pool); round < ROUNDS; round++) {
                writeRound(pool, round);
                out.println("kept " + round);
                out.flush();
                Thread.sleep(QUIET.toMillis()); // the round's commits are far behind: the store is quiet
                for (int run = 0; run < RUNS_PER_ROUND; run++) {
                    compaction.run();
                }
            }
        } catch (Exception | AssertionError failure) {
            failure.printStackTrace(out);
            out.println("failed: " + failure);
            out.flush();
            System.exit(1);
        }
    }

    /** After a kill, rounds go on after the last one committed. */
    private static int firstRound(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS kept (round INT, id INT, payload VARCHAR(" + PAYLOAD_LENGTH
                              + "), PRIMARY KEY (round, id))");
            try (ResultSet last = statement.executeQuery("SELECT COALESCE(MAX(round) + 1, 0) FROM kept")) {
                last.next();
                return last.getInt(1);
            }
        }
    }

    /** A round's rows that stay, committed at once after as many that go, whose table is then dropped. */
    private static void writeRound(HikariDataSource pool, int round) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO kept VALUES (?, ?, ?)")) {
            statement.execute("DROP TABLE IF EXISTS gone");
            statement.execute("CREATE TABLE gone (id INT PRIMARY KEY, payload VARCHAR(" + PAYLOAD_LENGTH + "))");
            statement.execute("INSERT INTO gone SELECT X, REPEAT('-', " + PAYLOAD_LENGTH + ") FROM SYSTEM_RANGE(1, "
                              + GONE_ROWS + ")");
            connection.setAutoCommit(false);
            for (int id = 0; id < ROWS; id++) {
                insert.setInt(1, round);
                insert.setInt(2, id);
                insert.setString(3, payload(round, id));
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("DROP TABLE gone");
        }
    }
}
