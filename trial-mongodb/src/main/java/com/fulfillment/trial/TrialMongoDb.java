package com.fulfillment.trial;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for MongoDB, for trying the distributed shape on one machine without Docker and for tests: an
 * embedded MongoDB-wire server (mongo-java-server, the one the standalone app embeds for its read models) that
 * keeps its databases in one file in a directory. It is not a MongoDB: no replication, no transactions, no
 * secondary indexes (a query on any field but {@code _id} reads the whole collection), and its file is written
 * about once a second, so a crash loses the last second. Use a real MongoDB for anything but a trial.
 *
 * <p>{@code ./mvnw -pl trial-mongodb spring-boot:run}, or {@code java -jar trial-mongodb/target/trial-mongodb.jar};
 * {@value #PORT} (default {@value #DEFAULT_PORT}), {@value #DATA_DIR} (default {@value #DEFAULT_DATA_DIR}) and
 * {@value #HOST} (default {@value #DEFAULT_HOST}, this machine only) as environment variables.
 */
public final class TrialMongoDb implements AutoCloseable {

    static final String PORT = "TRIAL_MONGODB_PORT";
    static final String DATA_DIR = "TRIAL_MONGODB_DATA_DIR";
    static final String HOST = "TRIAL_MONGODB_HOST";
    static final int DEFAULT_PORT = 27017;
    static final String DEFAULT_DATA_DIR = "trial-mongodb-data";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DATA_FILE = "mongodb.mv";

    private static final Logger log = LoggerFactory.getLogger(TrialMongoDb.class);

    private final MongoServer server;
    private final Path file;

    private TrialMongoDb(MongoServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    /** Serves the databases kept in {@code dataDir} on {@code host}:{@code port} (port 0: any free one). */
    public static TrialMongoDb start(String host, int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(DATA_FILE).toAbsolutePath();
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind(host, port);
        return new TrialMongoDb(server, file);
    }

    /** Where clients connect, as a MongoDB connection string. */
    public String uri() {
        return server.getConnectionString();
    }

    Path file() {
        return file;
    }

    /** Stops serving and writes what is not on disk yet. */
    @Override
    public void close() {
        server.shutdown();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        TrialMongoDb mongo = start(environment.getOrDefault(HOST, DEFAULT_HOST),
                                   Integer.parseInt(environment.getOrDefault(PORT, String.valueOf(DEFAULT_PORT))),
                                   Path.of(environment.getOrDefault(DATA_DIR, DEFAULT_DATA_DIR)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "trial-mongodb-shutdown"));
        log.warn("TRIAL ONLY: a MongoDB-wire stand-in (mongo-java-server), not a MongoDB: no transactions, no "
                 + "secondary indexes, a crash loses about the last second.");
        log.info("Serving {} from {}; Ctrl-C stops it", mongo.uri(), mongo.file());
        stopped.await();
    }
}
