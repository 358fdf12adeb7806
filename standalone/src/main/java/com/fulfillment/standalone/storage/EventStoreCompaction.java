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
 * <p>One run is H2's own {@link MVStore#compactFile(int)} (what {@code SHUTDOWN COMPACT} starts with), bounded
 * in time: it rewrites sparse chunks, forces the file to disk, then moves chunks into the freed space and
 * truncates the file. Commits wait while it holds the store, so the budget is small and runs are frequent.
 * It frees dead chunks at once instead of after H2's retention time; that is safe because it forces the file
 * to disk first, so every page that replaced a freed one is already durable.
 */
final class EventStoreCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCompaction.class);

    private final DataSource dataSource;
    private final Duration budget;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-compaction");
        thread.setDaemon(true);
        return thread;
    });

    EventStoreCompaction(DataSource dataSource, Duration budget) {
        this.dataSource = dataSource;
        this.budget = budget;
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

    /** Compacts for at most the budget; nothing is done when the store is already dense. */
    void run() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStoreOf(connection);
            if (store == null || store.isClosed()) {
                return;
            }
            // compactFile sets the retention time to 0 for good; H2 would then free the chunks of later commits
            // before they are forced to disk, which is what the retention time guards against.
            int retention = store.getRetentionTime();
            try {
                store.compactFile((int) budget.toMillis());
            } finally {
                store.setRetentionTime(retention);
            }
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
