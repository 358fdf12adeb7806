package com.fulfillment.query;

import com.mongodb.client.MongoClient;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The MongoDB a projection scenario runs against: mongo-java-server in memory for the everyday build,
 * or a real MongoDB where Docker is available. The scenarios see only this, so they run unchanged on both.
 */
public interface ReadModelDatabase extends AutoCloseable {

    MongoClient client();

    String database();

    MongoTemplate template();

    /** A collection's documents exactly as stored, to compare before and after a redelivery. */
    default List<Document> rawDocuments(String collection) {
        return template().getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    default void clear() {
        template().getDb().drop();
    }

    @Override
    void close();
}
