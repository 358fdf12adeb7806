package com.fulfillment.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Axon's JobRunr deadline manager on the storage and job server the distributed services use: a deadline
 * scheduled is kept in MongoDB and delivered to its scope when due.
 */
class DurableDeadlinesTest {

    private final MongoServer mongo = startMongo();
    private final MongoClient client = MongoClients.create(mongo.getConnectionString() + "/?uuidRepresentation=standard");
    private final List<DeadlineMessage<?>> delivered = new CopyOnWriteArrayList<>();
    private BackgroundJobServer jobServer;

    @AfterEach
    void tearDown() {
        if (jobServer != null) {
            jobServer.stop();
        }
        client.close();
        mongo.shutdownNow();
    }

    @Test
    void aScheduledDeadlineIsStoredAndDeliveredToItsScopeWhenDue() {
        DeadlineJobStorage storage = new DeadlineJobStorage(client, "order-service");
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        JobRunrDeadlineManager deadlines = JobRunrDeadlineManager.builder()
                .jobScheduler(new JobScheduler(storage))
                .scopeAwareProvider(recordingScope())
                .serializer(JacksonSerializer.defaultSerializer())
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        jobServer = new BackgroundJobServer(storage, new JacksonJsonMapper(), new DeadlineManagerActivator(() -> deadlines),
                                            BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                                                            .andPollInterval(Duration.ofSeconds(5)));
        jobServer.start();

        deadlines.schedule(Duration.ofMillis(500), "payment-deadline", "order-1 ran out of time", new OrderScope("order-1"));

        assertThat(client.getDatabase("order-service").getCollection("jobrunr_jobs").countDocuments()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !delivered.isEmpty());
        assertThat(delivered).singleElement().satisfies(deadline -> {
            assertThat(deadline.getDeadlineName()).isEqualTo("payment-deadline");
            assertThat(deadline.getPayload()).isEqualTo("order-1 ran out of time");
        });
    }

    private ScopeAwareProvider recordingScope() {
        ScopeAware scope = new ScopeAware() {
            @Override
            public void send(Message<?> message, ScopeDescriptor scopeDescription) {
                delivered.add((DeadlineMessage<?>) message);
            }

            @Override
            public boolean canResolve(ScopeDescriptor scopeDescription) {
                return scopeDescription instanceof OrderScope;
            }
        };
        return descriptor -> Stream.of(scope);
    }

    private static MongoServer startMongo() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        return server;
    }

    /** Where the deadline belongs, as a saga's or an aggregate's scope would say. */
    record OrderScope(String orderId) implements ScopeDescriptor {
        @Override
        public String scopeDescription() {
            return "order " + orderId;
        }
    }
}
