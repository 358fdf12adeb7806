package com.fulfillment.deployment;

import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

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

    /** Across the gateway, the four services and Axon Server, as in the standalone app's {@code OrderTraceTest}. */
    @Test
    void anOrderIsOneTraceFromItsRequestThroughEveryContext() {
        deployment.scenarios().anOrderIsOneTraceFromItsRequestThroughEveryContext(deployment::recordedSpans);
    }
}
