package com.fulfillment.standalone.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read models' file after a crash in the middle of writes: the store is dropped without a word
 * ({@code MVStore.closeImmediately}, what {@code kill -9} leaves on disk) while several connections upsert
 * documents by {@code _id} in bulk, as the projections do, and opened again. Every document it holds must be
 * found through its {@code _id} index, and written again by {@code _id}, or a projection stalls on it for ever.
 */
class ReadModelStoreTest {

    private static final int CRASHES = 12;
    private static final int WRITERS = 4;

    @TempDir
    Path dir;

    @Test
    void afterACrashAmidWritesEveryDocumentIsFoundAndWrittenThroughItsIdIndex() throws Exception {
        Path file = dir.resolve("read-models.mv");
        AtomicLong nextId = new AtomicLong();
        for (int crash = 0; crash < CRASHES; crash++) {
            // Committing every millisecond puts many commits among the writes: the case that tore commands apart.
            ReadModelStore store = ReadModelStore.open(file, Duration.ofMillis(1));
            MongoServer server = new MongoServer(store);
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                MongoCollection<Document> views = client.getDatabase("views").getCollection("order_views");
                for (int w = 0; w < WRITERS; w++) {
                    writers.submit(() -> {
                        while (writing.get()) {
                            upsertBatch(views, nextId);
                        }
                        return null;
                    });
                }
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(150));
                store.getMvStore().closeImmediately();
                writing.set(false);
                writers.shutdown();
                writers.awaitTermination(10, TimeUnit.SECONDS);
            } finally {
                writers.shutdownNow();
                server.shutdownNow();
            }
            assertEveryDocumentFoundAndWrittenByItsId(file, crash);
        }
    }

    /**
     * The backend keeps no secondary index, yet it used to read every document of a collection twice, at every
     * start, for each secondary index created on it: a start that took longer the more read models there were.
     * What a start reads from a file the plain backend wrote is counted against what the plain backend reads.
     */
    @Test
    void openingTheStoreReadsNoDocumentForItsSecondaryIndexes() {
        Path file = dir.resolve("read-models.mv");
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> views = client.getDatabase("views").getCollection("order_views");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                documents.add(new Document("_id", "order-" + i).append("customerId", "customer-" + i % 50)
                                                               .append("status", i % 3 == 0 ? "CONFIRMED" : "PENDING")
                                                               .append("lines", "x".repeat(1_000)));
            }
            views.insertMany(documents);
            views.createIndex(Indexes.ascending("customerId", "createdAt"));
            views.createIndex(Indexes.ascending("status"));
        } finally {
            server.shutdown();
        }

        H2Backend plain = new H2Backend(file.toString());
        long readByThePlainBackend = plain.getMvStore().getFileStore().getReadCount();
        plain.close();
        ReadModelStore store = ReadModelStore.open(file, Duration.ofMinutes(1));
        long read = store.getMvStore().getFileStore().getReadCount();
        server = new MongoServer(store);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            assertThat(read).as("pages read while opening, against the plain backend's %s", readByThePlainBackend)
                            .isLessThan(readByThePlainBackend / 5);
            MongoCollection<Document> views = client.getDatabase("views").getCollection("order_views");
            assertThat(views.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("_id_", "customerId_1_createdAt_1", "status_1");
            assertThat(views.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(1_000);
            views.insertOne(new Document("_id", "order-new").append("status", "CONFIRMED"));
            assertThat(views.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(1_001);
        } finally {
            server.shutdownNow();
            store.close();
        }
    }

    /**
     * The app's shutdown closes the store while its commit thread may be waiting for a command to finish. The commit
     * must finish and the close write the rest: interrupted, the commit's write closed the file under the store (a
     * {@code ClosedByInterruptException} logged at every such shutdown) and the close lost what was not yet written.
     */
    @Test
    void closingWhileACommitWaitsForACommandLetsTheCommitFinishAndKeepsEverything() throws Exception {
        Path file = dir.resolve("read-models.mv");
        ReadModelStore store = ReadModelStore.open(file, Duration.ofMillis(300));
        MongoServer server = new MongoServer(store);
        CompletableFuture<Void> closing;
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            client.getDatabase("views").getCollection("order_views").insertOne(new Document("_id", "order-1"));
            store.commands.readLock().lock(); // a command under way: the next commit waits for it
            try {
                ReentrantReadWriteLock lock = (ReentrantReadWriteLock) store.commands;
                await().atMost(Duration.ofSeconds(10)).until(lock::hasQueuedThreads);
                closing = CompletableFuture.runAsync(store::close);
                Thread.sleep(100);
            } finally {
                store.commands.readLock().unlock();
            }
        }
        closing.get(30, TimeUnit.SECONDS);
        server.shutdownNow();

        ReadModelStore reopened = ReadModelStore.open(file, Duration.ofMinutes(1));
        MongoServer again = new MongoServer(reopened);
        try (MongoClient client = MongoClients.create(again.bindAndGetConnectionString())) {
            assertThat(client.getDatabase("views").getCollection("order_views")
                             .countDocuments(Filters.eq("_id", "order-1"))).isEqualTo(1);
        } finally {
            again.shutdownNow();
            reopened.close();
        }
    }

    /** New documents and changes of earlier ones, by {@code _id}, as a projection's batch writes them. */
    private static void upsertBatch(MongoCollection<Document> views, AtomicLong nextId) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long id = i % 2 == 0 ? nextId.incrementAndGet()
                                 : ThreadLocalRandom.current().nextLong(Math.max(1, nextId.get())) + 1;
            writes.add(new ReplaceOneModel<>(new Document("_id", "order-" + id),
                                             new Document("_id", "order-" + id).append("status", "PENDING")
                                                                               .append("version", i),
                                             new ReplaceOptions().upsert(true)));
        }
        try {
            views.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (RuntimeException storeClosed) {
            // the crash: what this batch did is whatever the file kept
        }
    }

    private static void assertEveryDocumentFoundAndWrittenByItsId(Path file, int crash) {
        MongoServer server = new MongoServer(ReadModelStore.open(file, Duration.ofMinutes(1)));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> views = client.getDatabase("views").getCollection("order_views");
            List<String> notIndexed = new ArrayList<>();
            List<Document> stored = views.find().into(new ArrayList<>());
            for (Document document : stored) {
                if (views.find(Filters.eq("_id", document.get("_id"))).first() == null) {
                    notIndexed.add(document.getString("_id"));
                }
            }
            assertThat(notIndexed).as("documents of %s its _id index misses after crash %s", stored.size(), crash)
                                  .isEmpty();
            for (Document document : stored) {
                views.replaceOne(Filters.eq("_id", document.get("_id")), document.append("status", "CONFIRMED"),
                                 new ReplaceOptions().upsert(true));
            }
            assertThat(views.countDocuments(Filters.eq("status", "CONFIRMED"))).isEqualTo(stored.size());
        } finally {
            server.shutdown();
        }
    }
}
