package com.fulfillment.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MongoStartupGateTest {

    private final MongoStartupGate gate = new MongoStartupGate(Duration.ofMillis(200));
    private final int port = freePort();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
            .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
            .build());
    private MongoServer mongo;

    @AfterEach
    void tearDown() {
        client.close();
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void aServiceStartedBeforeMongoDbWaitsAndCarriesOnOnceItAnswers() throws Exception {
        CompletableFuture<Object> start = CompletableFuture.supplyAsync(
                () -> gate.postProcessAfterInitialization(client, "mongoClient"));

        Thread.sleep(2_500);
        assertThat(start).as("still waiting while nobody listens").isNotDone();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", port);

        assertThat(start.get(20, TimeUnit.SECONDS)).isSameAs(client);
    }

    @Test
    void aServiceStoppedWhileItWaitsForMongoDbStopsWaiting() {
        Thread[] waiting = new Thread[1];
        CompletableFuture<Throwable> start = new CompletableFuture<>();
        waiting[0] = new Thread(() -> {
            try {
                gate.awaitReachable(client);
                start.complete(null);
            } catch (RuntimeException stopped) {
                start.complete(stopped);
            }
        });
        waiting[0].start();

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !start.isDone());
        waiting[0].interrupt();

        assertThat(start).succeedsWithin(Duration.ofSeconds(10))
                         .isInstanceOf(IllegalStateException.class)
                         .extracting(Throwable::getMessage).asString().contains("stopped while waiting for MongoDB");
    }

    @Test
    void otherBeansPassThroughUntouched() {
        Object bean = new Object();

        assertThat(gate.postProcessAfterInitialization(bean, "something")).isSameAs(bean);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
