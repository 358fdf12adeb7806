package com.fulfillment.distributed;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** UP while the service's own MongoDB database answers; part of the readiness probe. */
class ServiceDatabaseHealthIndicator implements HealthIndicator {

    private final MongoDatabase database;

    ServiceDatabaseHealthIndicator(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.unknown().withDetail("database", database.getName());
        try {
            database.runCommand(new Document("ping", 1));
            return health.up().build();
        } catch (MongoException unreachable) {
            return health.down(unreachable).build();
        }
    }
}
