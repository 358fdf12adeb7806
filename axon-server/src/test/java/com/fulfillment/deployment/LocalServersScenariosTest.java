package com.fulfillment.deployment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link DistributedScenariosTest} without Docker: the four services in this JVM against an Axon Server and
 * a MongoDB that are already running, for example {@code axonserver.jar} and a local {@code mongod}. Each
 * service uses its own database, so use a MongoDB (or databases) without data you care about. Runs only when
 * given both addresses:
 * <pre>
 * ./mvnw -B -pl axon-server -am verify -Dtest=LocalServersScenariosTest -Dsurefire.failIfNoSpecifiedTests=false \
 *        -Dfulfillment.axon-server=localhost:8124 -Dfulfillment.mongodb-uri=mongodb://localhost:27017
 * </pre>
 */
@EnabledIfSystemProperty(named = "fulfillment.axon-server", matches = ".+")
@EnabledIfSystemProperty(named = "fulfillment.mongodb-uri", matches = ".+")
class LocalServersScenariosTest extends InJvmScenarioSuite {

    @BeforeAll
    static void startTheFourServices() {
        deploy(System.getProperty("fulfillment.axon-server"), System.getProperty("fulfillment.mongodb-uri"));
    }
}
