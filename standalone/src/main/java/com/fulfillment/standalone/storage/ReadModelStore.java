package com.fulfillment.standalone.storage;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
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
 *
 * <p>The unique indexes' maps are opened with {@link IndexKeyOrder}, which compares and writes their keys without
 * the Java serialization H2 would run on every comparison and write, and the collections' maps with
 * {@link BsonDocumentType}, which stores documents as BSON instead of serializing them. A file of the plain
 * backend opens as it is; a file written here is not readable by the plain backend.
 */
public final class ReadModelStore extends H2Backend implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStore.class);

    /** How the backend names a collection's index maps: {@code <db>.<collection>._index_<index>}. */
    private static final String INDEX_MAP = "._index_";
    /** How the backend names a collection's documents' map: {@code databases.<db>.<collection>}. */
    private static final String DOCUMENTS_MAP = "databases.";
    /** How the backend names a collection's map of its own figures (its data size): {@code meta.<db>.<collection>}. */
    private static final String META_MAP = "meta.";

    /** Chunks with less live data than this are rewritten; H2's own default for its background compaction. */
    private static final int TARGET_FILL_RATE = 90;
    private static final int COMPACTION_WRITE_LIMIT = 1024 * 1024;
    /** How long a close waits for a commit under way. */
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(30);

    /** Commands hold it shared, a commit alone (package-private: a test holds it to stand for a command). */
    final ReadWriteLock commands = new ReentrantReadWriteLock();
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

    /**
     * A database whose unique indexes are ordered by {@link IndexKeyOrder} and whose documents are stored by
     * {@link BsonDocumentType}: {@link KeyOrderedDatabase} opens each collection's and index's map with those types,
     * the existing ones while the backend constructs the database as well as those created later.
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new KeyOrderedDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    private static void openIndexMap(MVStore store, String name) {
        store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyOrder()));
    }

    private static MVMap<Object, Document> openDocumentsMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
    }

    private static final class KeyOrderedDatabase extends H2Database {

        /**
         * The store of the database under construction: the backend's constructor opens the existing collections
         * before a field of this class could hold it (the backend's own is private).
         */
        private static final ThreadLocal<MVStore> CONSTRUCTING = new ThreadLocal<>();

        private final MVStore store;

        KeyOrderedDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, constructing(store), cursors);
            CONSTRUCTING.remove();
            this.store = store;
        }

        private static MVStore constructing(MVStore store) {
            CONSTRUCTING.set(store);
            return store;
        }

        private MVStore store() {
            return store != null ? store : CONSTRUCTING.get();
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            openIndexMap(store(), getFullCollectionNamespace(collectionName) + INDEX_MAP + indexName);
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }

        /** The backend's collection, answering queries with copies ({@link SnapshotCollection}). */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = openDocumentsMap(store(), DOCUMENTS_MAP + namespace);
            MVMap<String, Object> meta = store().openMap(META_MAP + namespace);
            return new SnapshotCollection(this, collectionName, options, documents, meta, cursorRegistry);
        }

        /**
         * The backend keeps no secondary index (a query on other fields than {@code _id} reads the collection),
         * but it remembers those created, for {@code listIndexes}, and as it opens each one it reads every document
         * of the collection twice to fill an index that then ignores them: on every start, a cost that grew with
         * the read models (41 of a restart's 110 s at 25,000 orders). This index has nothing to fill.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                           List<IndexKey> keys, boolean sparse) {
            return new IgnoredIndex(indexName, keys);
        }
    }

    /**
     * A collection whose queries answer copies of its documents. The backend runs a query under the collection's
     * lock, but the answer is sent afterwards, and the backend updates a stored document in place: an answer that
     * held the stored instances could go out half updated by the next command, or fail to encode when a field was
     * added meanwhile ({@code ConcurrentModificationException}; the client then asked again). The copies are taken
     * under the lock, for the first batch and for what a cursor keeps for later.
     */
    static final class SnapshotCollection extends H2Collection {

        SnapshotCollection(MongoDatabase database, String name, CollectionOptions options,
                           MVMap<Object, Document> documents, MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, documents, meta, cursors);
        }

        @Override
        protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
            return super.createQueryResult(matchedDocuments.stream().map(Document::cloneDeeply).toList(), batchSize);
        }
    }

    /** A secondary index as the backend keeps it (none), which it need not build from the documents. */
    static final class IgnoredIndex extends EmptyIndex<Object> {

        IgnoredIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        /** Not empty as far as the collection is concerned: there is nothing to add to it. */
        @Override
        public boolean isEmpty() {
            return false;
        }
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

    /**
     * Lets a commit under way finish, then writes the rest and closes the file. A commit is not interrupted: Java
     * closes a file channel that an interrupted thread writes to, and the store would lose its file under it.
     */
    @Override
    public void close() {
        schedule.shutdown();
        try {
            if (!schedule.awaitTermination(CLOSE_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("A commit of the read models' file did not finish within {}", CLOSE_PATIENCE);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        commands.writeLock().lock();
        try {
            super.close();
        } finally {
            commands.writeLock().unlock();
        }
    }
}
