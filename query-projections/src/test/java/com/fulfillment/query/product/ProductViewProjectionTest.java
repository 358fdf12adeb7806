package com.fulfillment.query.product;

import com.fulfillment.query.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;

/** The product view scenarios on mongo-java-server in memory, as every build runs them. */
class ProductViewProjectionTest extends ProductViewProjectionScenarios {

    private static final InMemoryMongo MONGO = InMemoryMongo.start();

    ProductViewProjectionTest() {
        super(MONGO);
    }

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }
}
