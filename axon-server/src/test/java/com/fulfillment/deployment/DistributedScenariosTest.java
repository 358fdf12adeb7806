package com.fulfillment.deployment;

import org.axonframework.test.server.AxonServerContainer;
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
class DistributedScenariosTest extends InJvmScenarioSuite {

    @Container
    static final AxonServerContainer AXON_SERVER = new AxonServerContainer("axoniq/axonserver:2024.2.4-jdk-17")
            .withDevMode(true);

    @Container
    static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:7.0");

    @BeforeAll
    static void startTheFourServices() {
        deploy(AXON_SERVER.getAxonServerAddress(), MONGODB.getConnectionString());
    }
}
