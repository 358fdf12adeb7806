package com.fulfillment.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A MongoDB for tests: mongo-java-server's in-memory backend on a free local port. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server;
    private final String database;
    private final String uri;
    private final MongoClient client;
    private final MongoTemplate template;

    private InMemoryMongo(String database) {
        this.database = database;
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        uri = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
        client = MongoClients.create(uri);
        template = new MongoTemplate(client, database);
    }

    public static InMemoryMongo start() {
        return new InMemoryMongo("test");
    }

    public String uri() {
        return uri;
    }

    public MongoClient client() {
        return client;
    }

    public String database() {
        return database;
    }

    public MongoTemplate template() {
        return template;
    }

    /** A collection's documents exactly as stored, to compare before and after a redelivery. */
    public List<Document> rawDocuments(String collection) {
        return template.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    public void clear() {
        template.getDb().drop();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
