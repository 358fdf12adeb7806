package com.fulfillment.standalone.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Keeps the embedded H2 file proportional to the data it holds, while it is in use.
 *
 * <p>H2's MVStore never overwrites a page: every commit appends a new chunk holding the pages it changed, and a
 * chunk's space is reused only once none of its pages is live any more. With {@code WRITE_DELAY=0}, which this
 * runtime needs so that an acknowledged command survives {@code kill -9}, H2 writes one chunk per transaction
 * and runs no background thread at all, and that thread is the only one that compacts (rewrites the few live
 * pages out of mostly dead chunks). Rows rewritten on every event (processor tokens, saga state) and index
 * leaves spread over random keys (event ids) leave a little live data in nearly every chunk, so without
 * compaction the file grows by whole chunks per transaction: 23 KB per stored event measured, 70 times the
 * data. H2 offers no SQL command for compaction while the database is open, hence this call into its store.
 *
 * <p>One run forces the file to disk, then has H2 rewrite the live pages out of chunks that are mostly dead
 * ({@link MVStore#compact(int, int)}, the step H2's own background thread takes), up to a bounded amount of
 * writing; the emptied chunks are reused by later commits once H2's retention time has passed, and the file
 * shrinks when its end becomes free. H2's {@link MVStore#compactFile(int)} (which also moves chunks) is not
 * used: moving chunks while other sessions commit trips an assertion in H2 2.3.232 that closes the database.
 */
final class EventStoreCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCompaction.class);

    /** Chunks with less live data than this are rewritten; H2's own default for its background compaction. */
    private static final int TARGET_FILL_RATE = 90;

    private final DataSource dataSource;
    private final int writeLimit;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-compaction");
        thread.setDaemon(true);
        return thread;
    });

    EventStoreCompaction(DataSource dataSource, DataSize writeLimit) {
        this.dataSource = dataSource;
        this.writeLimit = (int) writeLimit.toBytes();
    }

    /** Runs compaction every {@code interval} from now on, until closed; a zero interval never runs it. */
    EventStoreCompaction every(Duration interval) {
        if (!interval.isZero() && !interval.isNegative()) {
            schedule.scheduleWithFixedDelay(() -> {
                try {
                    run();
                } catch (SQLException | RuntimeException failure) { // the file stays as it was; the next run tries again
                    log.warn("Compaction of the event store file failed", failure);
                }
            }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }

    /** Rewrites at most the write limit; nothing is done when the store is already dense. */
    void run() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStoreOf(connection);
            if (store == null || store.isClosed()) {
                return;
            }
            store.sync();
            store.compact(TARGET_FILL_RATE, writeLimit);
        }
    }

    private static MVStore mvStoreOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
            || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null; // not an embedded H2 database: nothing of ours to compact
        }
        return session.getDatabase().getStore() == null ? null : session.getDatabase().getStore().getMvStore();
    }
}
