package com.fulfillment.query.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * One read-model collection read and written a batch at a time: every read is one {@code $in} find on
 * {@code _id}, every write one unordered bulk write of whole documents by {@code _id}. Spring Data's
 * {@code save} writes one document per round trip; the bulk write is what makes a batch cost about as
 * much as one event.
 *
 * <p>With a cache ({@code fulfillment.projections.document-cache}), the documents this process wrote are kept
 * as written, and a batch that needs one of them again takes it from there instead of finding it. A batch
 * <em>takes</em> its documents out of the cache and only a successful write puts them back: a batch that fails
 * anywhere between (a change that throws, a lost write) leaves no half-changed document behind, and the batch's
 * retry reads the store. That is sound only while this process is the documents' single writer (see
 * {@link #write}), which the cache's setting documents.
 */
public final class DocumentCollection<D extends ProjectedDocument> {

    private static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final Class<D> type;
    private final Function<String, D> starter;
    /** The documents as last written, by id; {@code null} without a cache. */
    private final ConcurrentMap<String, D> written;

    /** A collection that keeps up to {@code cached} documents as it last wrote them; 0 for none. */
    public DocumentCollection(MongoTemplate mongo, Class<D> type, Function<String, D> starter, int cached) {
        this.mongo = mongo;
        this.type = type;
        this.starter = starter;
        this.written = cached == 0 ? null : Caffeine.newBuilder().maximumSize(cached).<String, D>build().asMap();
    }

    /**
     * The stored documents of these ids, by id, for a batch to change and then {@link #write}; ids without a
     * document are left out. Cached documents are taken out of the cache, the others found in one query.
     */
    public Map<String, D> load(Collection<String> ids) {
        List<String> unread = new ArrayList<>(ids.size());
        Map<String, D> found = cachedAmong(ids, true, unread);
        if (unread.isEmpty()) {
            return found;
        }
        mongo.find(Query.query(where("_id").in(unread)), type).forEach(document -> {
            document.loaded();
            found.put(document.documentId(), document);
        });
        return found;
    }

    /**
     * How many times each of these documents was written, by id, for a batch that only needs to know that and
     * changes none of them (0 for one never written). Cached documents stay cached.
     */
    public Map<String, Long> storedVersions(Collection<String> ids) {
        List<String> unread = new ArrayList<>(ids.size());
        Map<String, Long> versions = new HashMap<>();
        cachedAmong(ids, false, unread).forEach((id, document) -> versions.put(id, document.storedVersion()));
        if (!unread.isEmpty()) {
            mongo.find(Query.query(where("_id").in(unread)), type)
                 .forEach(document -> versions.put(document.documentId(), document.storedVersion()));
        }
        ids.forEach(id -> versions.putIfAbsent(id, 0L));
        return versions;
    }

    /**
     * The cached documents among {@code ids}, taken out of the cache if {@code take}; the rest go to {@code unread}.
     */
    private Map<String, D> cachedAmong(Collection<String> ids, boolean take, List<String> unread) {
        Map<String, D> cached = new HashMap<>();
        for (String id : ids) {
            D document = written == null ? null : take ? written.remove(id) : written.get(id);
            if (document == null) {
                unread.add(id);
            } else {
                cached.put(id, document);
            }
        }
        return cached;
    }

    /** Forgets every cached document: for a rebuild, which empties the collection. */
    public void forgetAll() {
        if (written != null) {
            written.clear();
        }
    }

    /** A document nothing was stored for yet. */
    public D start(String id) {
        D document = starter.apply(id);
        document.unstored(true);
        return document;
    }

    /**
     * Writes each document whole, by {@code _id}, counting its version up. A document has one writer: the
     * processor segment its sequence (order or product) belongs to, so no other write can come between this
     * batch's read and its write. The filter is {@code _id} alone on purpose: mongo-java-server finds a
     * document through its {@code _id} index only for a query on nothing else, and scans the collection
     * for every replacement otherwise. A document this batch started (nothing is stored under its id) is
     * inserted: the server then skips the lookup and the copy of an upsert.
     */
    public void write(Collection<D> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (D document : documents) {
            document.version(document.storedVersion() + 1);
            Document stored = document.stored(mongo.getConverter());
            writes.add(document.isUnstored()
                       ? new InsertOneModel<>(stored)
                       : new ReplaceOneModel<>(new Document("_id", document.documentId()), stored,
                                               new ReplaceOptions().upsert(true)));
        }
        mongo.getCollection(mongo.getCollectionName(type)).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        for (D document : documents) {
            document.unstored(false);
            if (written != null) {
                written.put(document.documentId(), document);
            }
        }
    }
}
