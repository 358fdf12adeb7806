package com.fulfillment.standalone.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Holds every other user of the event database off for a moment, so that {@link EventStoreCompaction} can move
 * chunks, the one step of H2's compaction that is not safe next to other sessions' commits.
 *
 * <p>The app reaches the database only through its connection pool, so a suspended pool (HikariCP's own
 * {@link HikariPoolMXBean#suspendPool()}: a request for a connection waits until the pool is resumed) with no
 * connection lent out means no session has a statement running or a transaction open.
 */
interface WriterPause {

    /** For a data source that cannot be paused: moving chunks never starts. */
    WriterPause NONE = wait -> false;

    /**
     * Suspends the others and returns {@code true} once none of them uses the database, within {@code wait};
     * otherwise undoes the suspension and returns {@code false}. After {@code true} the caller must {@link #resume()}.
     */
    boolean pause(Duration wait);

    /** Lets the others go on after a {@link #pause(Duration)} that returned {@code true}. */
    default void resume() {
    }

    /**
     * The pause of the app's pool: HikariCP's, when the pool was made with {@code allow-pool-suspension} (otherwise
     * HikariCP refuses to suspend it); {@link #NONE} for any other data source.
     */
    static WriterPause of(DataSource dataSource) {
        try {
            HikariDataSource pool = dataSource.isWrapperFor(HikariDataSource.class)
                                    ? dataSource.unwrap(HikariDataSource.class) : null;
            return pool != null && pool.isAllowPoolSuspension() ? new HikariPause(pool) : NONE;
        } catch (SQLException notAPool) {
            return NONE;
        }
    }

    /** HikariCP's suspension, with the wait for the connections lent out to come back. */
    final class HikariPause implements WriterPause {

        private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

        private final HikariDataSource dataSource;

        HikariPause(HikariDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public boolean pause(Duration wait) {
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            if (pool == null || dataSource.isClosed()) { // not started yet, or shut down
                return false;
            }
            pool.suspendPool();
            long deadline = System.nanoTime() + wait.toNanos();
            while (pool.getActiveConnections() > 0) {
                if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                    pool.resumePool();
                    return false;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            return true;
        }

        @Override
        public void resume() {
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            if (pool != null) {
                pool.resumePool();
            }
        }
    }
}
