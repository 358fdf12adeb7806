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
 * writing, and commits them; the emptied chunks are reused by later commits once H2's retention time has passed,
 * and the file shrinks when its end becomes free. H2's {@link MVStore#compactFile(int)} (which also moves chunks)
 * is not used: moving chunks while other sessions commit trips an assertion in H2 2.3.232 that closes the database.
 *
 * <p>Runs are {@code interval} apart while the app writes. While it is quiet (fewer than
 * {@value #QUIET_COMMITS_PER_SECOND} commits a second since the last run: processors extending their claims, say)
 * and a run made the chunks denser, the next follows after {@code quietInterval} instead: a file left sparse by a
 * burst of writes (a bulk load, or traffic faster than one run a second keeps up with) is made dense soon after,
 * while no commit waits for it. H2's background thread, which does not run under {@code WRITE_DELAY=0}, likewise
 * compacts more while the store is idle.
 */
final class EventStoreCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCompaction.class);

    /** Chunks with less live data than this are rewritten; H2's own default for its background compaction. */
    private static final int TARGET_FILL_RATE = 90;

    /** Below this many commits a second between two runs, the store counts as quiet. */
    static final int QUIET_COMMITS_PER_SECOND = 10;

    /** Quick runs between two checks that they still make the chunks denser. */
    static final int QUICK_RUNS_PER_CHECK = 20;

    private final DataSource dataSource;
    private final int writeLimit;
    private final Duration interval;
    private final Duration quietInterval;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-compaction");
        thread.setDaemon(true);
        return thread;
    });
    /** Whether a run ended yet, and the store's version and the time ({@link System#nanoTime()}) when it did. */
    private boolean ranBefore;
    private long versionAfterLastRun;
    private long lastRunEnded;
    /** Quick runs since the store was last written to in earnest, and the highest fill rates they reached. */
    private int quickRuns;
    private int bestFillRate;
    private int bestInWindow;
    /** Whether quick runs stopped gaining density since the store was last written to in earnest. */
    private boolean stalled;

    /**
     * @param interval      pause between two runs while the app writes; zero or less: no run is scheduled
     * @param quietInterval pause between two runs while the store is quiet and the runs still make its chunks denser
     */
    EventStoreCompaction(DataSource dataSource, DataSize writeLimit, Duration interval, Duration quietInterval) {
        this.dataSource = dataSource;
        this.writeLimit = (int) writeLimit.toBytes();
        this.interval = interval;
        this.quietInterval = quietInterval.compareTo(interval) < 0 ? quietInterval : interval;
    }

    /** Runs compaction from {@code interval} after now on, until closed; a zero interval never runs it. */
    EventStoreCompaction start() {
        if (!interval.isZero() && !interval.isNegative()) {
            schedule.schedule(this::runAndReschedule, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void runAndReschedule() {
        Duration pause = interval;
        try {
            pause = run();
        } catch (SQLException | RuntimeException failure) { // the file stays as it was; the next run tries again
            log.warn("Compaction of the event store file failed", failure);
        }
        if (!schedule.isShutdown()) {
            schedule.schedule(this::runAndReschedule, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }

    /**
     * Rewrites at most the write limit; nothing is done when the store is already dense. Returns the pause before
     * the next run: {@code quietInterval} when the store was quiet since the last run, this one rewrote chunks and
     * quick runs still make them denser, else {@code interval}.
     */
    Duration run() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = mvStoreOf(connection);
            if (store == null || store.isClosed()) {
                return interval;
            }
            long now = System.nanoTime();
            boolean quiet = ranBefore && (store.getCurrentVersion() - versionAfterLastRun) * 1_000_000_000L
                                                 < QUIET_COMMITS_PER_SECOND * (now - lastRunEnded);
            store.sync();
            boolean rewrote = store.compact(TARGET_FILL_RATE, writeLimit);
            if (rewrote) {
                // The rewritten pages are written with the store's next commit; this one, as H2's background writer
                // commits, so that a quiet app (whose next commit may be seconds away) frees the old chunks now.
                store.tryCommit();
            }
            versionAfterLastRun = store.getCurrentVersion();
            lastRunEnded = System.nanoTime();
            ranBefore = true;
            if (!quiet) { // written to in earnest: quick runs may start again once it is quiet
                stalled = false;
                quickRuns = 0;
            }
            if (!quiet || !rewrote || stalled) {
                return interval;
            }
            return stillGainingDensity(store) ? quietInterval : interval;
        }
    }

    /**
     * Each run's commit writes a chunk of its own, which a later run may find worth rewriting in turn, so quick runs
     * could go on rewriting their own chunks for ever. They go on only while the chunks' fill rate (a whole
     * percentage, which one run over a large file may not move, and which swings with the runs' own chunks in a small
     * one) reached a new high within each {@value #QUICK_RUNS_PER_CHECK} quick runs; once they stop gaining, as H2's
     * background writer stops its idle runs, they start again only after the app has written in earnest.
     */
    private boolean stillGainingDensity(MVStore store) {
        int fillRate = store.getFileStore().getChunksFillRate();
        if (quickRuns == 0) {
            bestFillRate = fillRate;
            bestInWindow = fillRate;
        }
        bestInWindow = Math.max(bestInWindow, fillRate);
        if (++quickRuns % QUICK_RUNS_PER_CHECK != 0) {
            return true;
        }
        boolean gained = bestInWindow > bestFillRate;
        bestFillRate = bestInWindow;
        stalled = !gained;
        return gained;
    }

    /** The store of an embedded H2 database's connection; {@code null} for any other database. */
    static MVStore mvStoreOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
            || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null; // not an embedded H2 database: nothing of ours to compact
        }
        return session.getDatabase().getStore() == null ? null : session.getDatabase().getStore().getMvStore();
    }
}
