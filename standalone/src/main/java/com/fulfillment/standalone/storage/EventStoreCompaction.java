package com.fulfillment.standalone.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
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
 * and the file shrinks when its end becomes free.
 *
 * <p>Rewriting makes the chunks dense but leaves them where they are, so a file once grown (by a bulk load, or by
 * traffic faster than the runs) keeps its length up to its last live chunk, with the space before it free. H2
 * shrinks it by moving chunks into that space ({@link RandomAccessStore#compactMoveChunks(int, long, MVStore)}, a
 * step of {@code SHUTDOWN COMPACT}), which is safe only while no other session commits: next to other commits it
 * trips an assertion in H2 2.3.232 that closes the database. So chunks are moved only while the store is quiet, less
 * than {@value #MOVE_BELOW_FILL_RATE} % of the file is in use, and every other user of the database is held off
 * ({@link WriterPause}: the pool lends no connection meanwhile); a request for a connection waits for one move of at
 * most 16 MB of chunks ({@link #MOVE_LIMIT}; tens of milliseconds).
 *
 * <p>Runs are {@code interval} apart while the app writes. While it is quiet (fewer than
 * {@value #QUIET_COMMITS_PER_SECOND} commits a second since the last run: processors extending their claims, say)
 * and a run moved chunks or made them denser, the next follows after {@code quietInterval} instead: a file left
 * sparse by a burst of writes (a bulk load, or traffic faster than one run a second keeps up with) is made dense and
 * short soon after, while hardly a commit waits for it. H2's background thread, which does not run under
 * {@code WRITE_DELAY=0}, likewise compacts more while the store is idle.
 */
final class EventStoreCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCompaction.class);

    /** Chunks with less live data than this are rewritten; H2's own default for its background compaction. */
    private static final int TARGET_FILL_RATE = 90;

    /** Below this many commits a second between two runs, the store counts as quiet. */
    static final int QUIET_COMMITS_PER_SECOND = 10;

    /** Quick runs between two checks that they still make the chunks denser. */
    static final int QUICK_RUNS_PER_CHECK = 20;

    /** Chunks are moved while less than this share of the file (up to its last chunk) is in use. */
    static final int MOVE_BELOW_FILL_RATE = 80;

    /**
     * Most bytes of chunks one run moves: H2's own step when it compacts a file. A chunk is moved whole or not at
     * all, and one commit's chunk can be larger than the write limit (a bulk load writes chunks of 4 to 6 MB).
     */
    private static final long MOVE_LIMIT = 16L << 20;

    /** How long a run waits for the connections lent out to come back before it moves chunks; else it moves none. */
    private static final Duration PAUSE_WAIT = Duration.ofMillis(20);

    /** How long closing waits for a run in progress, which may hold the pool suspended, to finish. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final WriterPause pause;
    private final int writeLimit;
    private final Duration interval;
    private final Duration quietInterval;
    private final ScheduledThreadPoolExecutor schedule = new ScheduledThreadPoolExecutor(1, runnable -> {
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
        this(dataSource, WriterPause.of(dataSource), writeLimit, interval, quietInterval);
    }

    /** @param pause holds the other users of the database off while chunks are moved */
    EventStoreCompaction(DataSource dataSource, WriterPause pause, DataSize writeLimit, Duration interval,
                         Duration quietInterval) {
        this.dataSource = dataSource;
        this.pause = pause;
        this.writeLimit = (int) writeLimit.toBytes();
        this.interval = interval;
        this.quietInterval = quietInterval.compareTo(interval) < 0 ? quietInterval : interval;
        schedule.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
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

    /** Stops the runs; one in progress is let finish (not interrupted), so that it leaves no pool suspended. */
    @Override
    public void close() {
        schedule.shutdown();
        try {
            if (!schedule.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Compaction of the event store file still running after {}", CLOSE_WAIT);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Rewrites at most the write limit, and while the store is quiet moves chunks toward the file's start;
     * nothing is done when the store is already dense. Returns the pause before the next run: {@code quietInterval}
     * when the store was quiet since the last run and this one moved chunks closer together, or rewrote chunks while
     * quick runs still make them denser; else {@code interval}.
     */
    Duration run() throws SQLException {
        MVStore store;
        boolean quiet;
        boolean rewrote;
        try (Connection connection = dataSource.getConnection()) {
            store = mvStoreOf(connection);
            if (store == null || store.isClosed()) {
                return interval;
            }
            long now = System.nanoTime();
            quiet = ranBefore && (store.getCurrentVersion() - versionAfterLastRun) * 1_000_000_000L
                                         < QUIET_COMMITS_PER_SECOND * (now - lastRunEnded);
            store.sync();
            rewrote = store.compact(TARGET_FILL_RATE, writeLimit);
            if (rewrote) {
                // The rewritten pages are written with the store's next commit; this one, as H2's background writer
                // commits, so that a quiet app (whose next commit may be seconds away) frees the old chunks now.
                store.tryCommit();
            }
        }
        // with this run's own connection back in the pool, which the pause waits to have every connection in
        boolean moved = quiet && moveChunks(store);
        versionAfterLastRun = store.getCurrentVersion();
        lastRunEnded = System.nanoTime();
        ranBefore = true;
        if (!quiet) { // written to in earnest: quick runs may start again once it is quiet
            stalled = false;
            quickRuns = 0;
        }
        if (moved) {
            return quietInterval;
        }
        if (!quiet || !rewrote || stalled) {
            return interval;
        }
        return stillGainingDensity(store) ? quietInterval : interval;
    }

    /**
     * Moves chunks into the free space before the file's last ones, with every other user of the database held off,
     * if too little of the file is in use; returns whether that made the file shorter or more of it used.
     */
    private boolean moveChunks(MVStore store) {
        if (!(store.getFileStore() instanceof RandomAccessStore file)) {
            return false;
        }
        int fillRate = store.getFillRate();
        if (fillRate >= MOVE_BELOW_FILL_RATE || !pause.pause(PAUSE_WAIT)) {
            return false;
        }
        long length = file.size();
        try {
            if (store.isClosed()) {
                return false;
            }
            file.compactMoveChunks(MOVE_BELOW_FILL_RATE, MOVE_LIMIT, store);
            return file.size() < length || store.getFillRate() > fillRate;
        } finally {
            pause.resume();
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
