package com.fulfillment.standalone.storage;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded read models' file (mongo-java-server's H2 backend), written so that a {@code kill -9} leaves it
 * as it was between two commands, never inside one.
 *
 * <p>The backend keeps each collection's documents and each of its indexes in separate MVStore maps, and a
 * command changes them one after the other (the document, then its {@code _id} index entry). Left to itself,
 * MVStore commits all maps in the background once a second, and from a writing thread whenever enough is
 * unsaved, at whatever point the commands have reached. A process killed after such a commit restarts with a
 * document its {@code _id} index does not know: a find by {@code _id} misses it, and the upsert that follows
 * fails for ever on the duplicate key, stalling the projection segment that owns the document.
 *
 * <p>Here MVStore never commits on its own. Every command runs under a shared lock; {@link #commit()}, run once
 * every {@code interval} and on close, takes the lock exclusively, so it sees no command half-done. What a
 * crash loses is then only the last interval's whole commands, which the projections apply again from their
 * tokens (stored in the same file, after the documents they cover). The same exclusive step compacts the file,
 * as MVStore's background thread would.
 */
public final class ReadModelStore extends H2Backend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStore.class);

    /** Chunks with less live data than this are rewritten; H2's own default for its background compaction. */
    private static final int TARGET_FILL_RATE = 90;
    private static final int COMPACTION_WRITE_LIMIT = 1024 * 1024;

    private final ReadWriteLock commands = new ReentrantReadWriteLock();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-store-commit");
        thread.setDaemon(true);
        return thread;
    });

    private ReadModelStore(MVStore store) {
        super(store);
    }

    /** Opens (or creates) the file and commits it every {@code interval} from now on. */
    public static ReadModelStore open(Path file, Duration interval) {
        MVStore store = new MVStore.Builder().fileName(file.toString())
                                             .autoCommitDisabled()
                                             .autoCommitBufferSize(0) // no commit from inside a writing command
                                             .open();
        ReadModelStore readModels = new ReadModelStore(store);
        readModels.schedule.scheduleWithFixedDelay(readModels::commitQuietly, interval.toMillis(), interval.toMillis(),
                                                   TimeUnit.MILLISECONDS);
        return readModels;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        commands.readLock().lock();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            commands.readLock().unlock();
        }
    }

    /**
     * Writes what the finished commands changed, and compacts a bounded part of the file. An idle store is left
     * alone: nothing new can have emptied a chunk, and every command would wait for the compaction.
     */
    @Override
    public void commit() {
        commands.writeLock().lock();
        try {
            MVStore store = getMvStore();
            if (store.isClosed() || !store.hasUnsavedChanges()) {
                return;
            }
            super.commit();
            store.compact(TARGET_FILL_RATE, COMPACTION_WRITE_LIMIT);
        } finally {
            commands.writeLock().unlock();
        }
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (RuntimeException failure) { // the changes stay unsaved; the next run writes them
            log.warn("Writing the read models' file failed", failure);
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        commands.writeLock().lock();
        try {
            super.close();
        } finally {
            commands.writeLock().unlock();
        }
    }
}
