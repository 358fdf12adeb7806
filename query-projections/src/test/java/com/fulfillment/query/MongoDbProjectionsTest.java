package com.fulfillment.query;

import com.fulfillment.query.customer.CustomerViewProjectionScenarios;
import com.fulfillment.query.order.OrderViewProjectionScenarios;
import com.fulfillment.query.product.ProductViewProjectionScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Every projection scenario once more against a real MongoDB, which the in-memory server only imitates:
 * its query planner, its optimistic-locking write path, its BSON round trips and its concurrency; and the
 * read API's lists explained, to show they are read off the indexes created at startup. Skipped where no
 * Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoDbProjectionsTest {

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    private static ReadModelDatabase readModels;

    @BeforeAll
    static void connect() {
        readModels = MongoAt.connect(MONGO.getReplicaSetUrl("projections"));
    }

    @AfterAll
    static void disconnect() {
        readModels.close();
    }

    @Nested
    class OrderView extends OrderViewProjectionScenarios {
        OrderView() {
            super(readModels);
        }
    }

    @Nested
    class CustomerView extends CustomerViewProjectionScenarios {
        CustomerView() {
            super(readModels);
        }
    }

    @Nested
    class ProductView extends ProductViewProjectionScenarios {
        ProductView() {
            super(readModels);
        }
    }

    @Nested
    class ReadApiIndexes extends ReadApiIndexScenarios {
        ReadApiIndexes() {
            super(readModels);
        }
    }
}
