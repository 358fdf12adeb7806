package com.fulfillment.deployment;

import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import org.junit.jupiter.api.AfterAll;

/** The scenario suite against an {@link InJvmDeployment} that a subclass starts in its {@code @BeforeAll}. */
abstract class InJvmScenarioSuite extends FulfillmentScenarioSuite {

    private static InJvmDeployment deployment;

    static void deploy(String axonServerAddress, String mongoDbUri) {
        deployment = new InJvmDeployment(axonServerAddress, mongoDbUri);
    }

    @AfterAll
    static void stopTheServices() {
        if (deployment != null) {
            deployment.close();
            deployment = null;
        }
    }

    @Override
    protected FulfillmentScenarios scenarios() {
        return deployment.scenarios();
    }
}
