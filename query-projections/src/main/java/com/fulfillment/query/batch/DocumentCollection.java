package com.fulfillment.query.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * One read-model collection read and written a batch at a time: every read is one {@code $in} find on
 * {@code _id}, every write one unordered bulk write of whole documents by {@code _id}. Spring Data's
 * {@code save} writes one document per round trip; the bulk write is what makes a batch cost about as
 * much as one event.
 */
public final class DocumentCollection<D extends ProjectedDocument> {

    private static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final Class<D> type;
    private final Function<String, D> starter;

    public DocumentCollection(MongoTemplate mongo, Class<D> type, Function<String, D> starter) {
        this.mongo = mongo;
        this.type = type;
        this.starter = starter;
    }

    /** The stored documents of these ids, by id; ids without a document are left out. */
    public Map<String, D> load(Collection<String> ids) {
        Map<String, D> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        mongo.find(Query.query(where("_id").in(ids)), type).forEach(document -> {
            document.loaded();
            found.put(document.documentId(), document);
        });
        return found;
    }

    /** A document nothing was stored for yet. */
    public D start(String id) {
        return starter.apply(id);
    }

    /**
     * Writes each document whole, by {@code _id}, counting its version up. A document has one writer: the
     * processor segment its sequence (order or product) belongs to, so no other write can come between this
     * batch's read and its write. The filter is {@code _id} alone on purpose: mongo-java-server finds a
     * document through its {@code _id} index only for a query on nothing else, and scans the collection
     * for every replacement otherwise.
     */
    public void write(Collection<D> documents) {
        if (documents.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (D document : documents) {
            document.version(document.storedVersion() + 1);
            Document stored = new Document();
            mongo.getConverter().write(document, stored);
            writes.add(new ReplaceOneModel<>(new Document("_id", document.documentId()), stored,
                                             new ReplaceOptions().upsert(true)));
        }
        mongo.getCollection(mongo.getCollectionName(type)).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
}
