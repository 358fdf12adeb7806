package com.fulfillment.distributed;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import org.axonframework.deadline.DeadlineManager;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deadlines that survive a restart and work with Axon Server, which keeps none: JobRunr jobs in the service's
 * own MongoDB database. With a {@link JobScheduler} bean present, Axon's auto-configuration makes its
 * {@code JobRunrDeadlineManager} the service's deadline manager; a due job calls back into that deadline
 * manager, which this configuration hands to JobRunr's background server.
 *
 * <p>The background server starts once the whole service runs ({@link DeadlineJobServer}) and is part of the
 * readiness probe ({@code deadlines}).
 */
@Configuration(proxyBeanMethods = false)
public class DurableDeadlinesConfiguration {

    /** JobRunr's collections ({@code jobrunr_jobs}, ...) are created in the service's database on first start. */
    @Bean
    StorageProvider deadlineJobStorage(MongoClient mongoClient, MongoDatabase serviceDatabase) {
        MongoDBStorageProvider storage = new DeadlineJobStorage(mongoClient, serviceDatabase.getName());
        storage.setJobMapper(new JobMapper(new JacksonJsonMapper()));
        return storage;
    }

    @Bean
    JobScheduler deadlineJobScheduler(StorageProvider deadlineJobStorage) {
        return new JobScheduler(deadlineJobStorage);
    }

    @Bean
    DeadlineJobServer deadlineJobServer(StorageProvider deadlineJobStorage,
                                        ObjectProvider<DeadlineManager> deadlineManager,
                                        @Value("${fulfillment.deadlines.poll-interval:5s}") Duration pollInterval) {
        BackgroundJobServer server = new BackgroundJobServer(
                deadlineJobStorage, new JacksonJsonMapper(), new DeadlineManagerActivator(deadlineManager::getObject),
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                                                .andPollInterval(pollInterval));
        return new DeadlineJobServer(server);
    }

    @Bean
    HealthIndicator deadlinesHealthIndicator(DeadlineJobServer deadlineJobServer) {
        return () -> (deadlineJobServer.isRunning() ? Health.up() : Health.down())
                .withDetail("scheduler", "JobRunr on MongoDB")
                .build();
    }
}
