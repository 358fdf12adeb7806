package com.fulfillment.query.order;

import com.fulfillment.query.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;

/** The order view scenarios on mongo-java-server in memory, as every build runs them. */
class OrderViewProjectionTest extends OrderViewProjectionScenarios {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();

    OrderViewProjectionTest() {
        super(MONGO);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }
}
