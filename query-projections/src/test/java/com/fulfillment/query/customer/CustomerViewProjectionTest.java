package com.fulfillment.query.customer;

import com.fulfillment.query.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;

/** The customer view scenarios on mongo-java-server in memory, as every build runs them. */
class CustomerViewProjectionTest extends CustomerViewProjectionScenarios {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();

    CustomerViewProjectionTest() {
        super(MONGO);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }
}
