package com.fulfillment.deployment;

import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import org.axonframework.test.server.AxonServerContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The end-to-end scenarios that the standalone app passes (its {@code StandaloneScenariosTest}), here against
 * the distributed shape: Axon Server and MongoDB in containers, the four services started as their main
 * classes start them, in this JVM ({@link InJvmDeployment}). Without Docker,
 * {@link LocalServersScenariosTest} runs the same against an Axon Server and a MongoDB you run yourself.
 */
@Testcontainers(disabledWithoutDocker = true)
class DistributedScenariosTest extends FulfillmentScenarioSuite {

    @Container
    static final AxonServerContainer AXON_SERVER = new AxonServerContainer("axoniq/axonserver:2024.2.4-jdk-17")
            .withDevMode(true);

    @Container
    static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:7.0");

    private static InJvmDeployment deployment;

    @BeforeAll
    static void startTheFourServices() {
        deployment = new InJvmDeployment(AXON_SERVER.getAxonServerAddress(), MONGODB.getConnectionString());
    }

    @AfterAll
    static void stopTheServices() {
        if (deployment != null) {
            deployment.close();
        }
    }

    @Override
    protected FulfillmentScenarios scenarios() {
        return deployment.scenarios();
    }
}
