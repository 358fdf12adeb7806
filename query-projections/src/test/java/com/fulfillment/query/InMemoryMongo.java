package com.fulfillment.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A MongoDB for tests: mongo-java-server's in-memory backend on a free local port. */
public final class InMemoryMongo implements ReadModelDatabase {

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

    @Override
    public MongoClient client() {
        return client;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public MongoTemplate template() {
        return template;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
