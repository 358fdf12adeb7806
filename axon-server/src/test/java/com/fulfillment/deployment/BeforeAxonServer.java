package com.fulfillment.deployment;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * What a service started before Axon Server finds: an in-memory MongoDB-wire server, and nothing listening where
 * Axon Server is expected. The services come up and answer HTTP, without being ready.
 */
final class BeforeAxonServer implements AutoCloseable {

    private final MongoServer mongo = new MongoServer(new MemoryBackend());
    private final int nobodyListens;

    BeforeAxonServer() {
        mongo.bind("127.0.0.1", 0);
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        } catch (IOException failed) {
            mongo.shutdownNow();
            throw new UncheckedIOException(failed);
        }
    }

    /** {@code service} started against these servers. */
    FulfillmentService.Running start(FulfillmentService service) {
        return service.start(Map.of("axon.axonserver.servers", "localhost:" + nobodyListens,
                                    "spring.data.mongodb.uri", mongo.getConnectionString()));
    }

    @Override
    public void close() {
        mongo.shutdownNow();
    }
}
