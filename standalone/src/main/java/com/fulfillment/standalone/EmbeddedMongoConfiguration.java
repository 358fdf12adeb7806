package com.fulfillment.standalone;

import com.fulfillment.standalone.storage.ReadModelStore;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.slf4j.Logger;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts a MongoDB-wire-compatible server inside the app for the read models, file-backed under the data
 * directory, unless {@code spring.data.mongodb.uri} points at a real MongoDB. Only read models and their
 * tokens live here: they can always be rebuilt from the event store.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMongoConfiguration.NoMongoUriConfigured.class)
class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(FulfillmentProperties properties) throws IOException {
        Path dataDir = properties.dataDir();
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("read-models.mv");
        // Committed once a second, as H2 would, but only between commands: see ReadModelStore.
        MongoServer server = new MongoServer(ReadModelStore.open(file, Duration.ofSeconds(1)));
        server.bind("127.0.0.1", properties.embeddedMongoPort());
        log.info("Embedded MongoDB-wire server for read models on {} (file {})",
                 server.getConnectionString(), file.toAbsolutePath());
        return server;
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoServer embeddedMongoServer) {
        return MongoClients.create(embeddedMongoServer.getConnectionString());
    }

    /**
     * Replaces Spring Boot's MongoDB health check, whose {@code hello} command the embedded server does not
     * implement; {@code ping} it does.
     */
    @Bean
    HealthIndicator mongoHealthIndicator(MongoClient mongoClient) {
        return () -> {
            try {
                mongoClient.getDatabase("admin").runCommand(new Document("ping", 1));
                return Health.up().withDetail("server", "embedded").build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    static class NoMongoUriConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.data.mongodb.uri"));
        }
    }
}
