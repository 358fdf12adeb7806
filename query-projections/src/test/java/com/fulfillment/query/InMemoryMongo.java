package com.fulfillment.query;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** A MongoDB for tests: mongo-java-server's in-memory backend on a free local port, stopped on close. */
public final class InMemoryMongo extends MongoAt {

    private final MongoServer server;
    private final String uri;

    private InMemoryMongo(MongoServer server, String uri) {
        super(new ConnectionString(uri));
        this.server = server;
        this.uri = uri;
    }

    public static InMemoryMongo start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        return new InMemoryMongo(server, "mongodb://" + address.getHostString() + ":" + address.getPort() + "/test");
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        super.close();
        server.shutdownNow();
    }
}
