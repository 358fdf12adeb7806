package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The end-to-end scenarios against a distributed deployment that is already running: the compose file's, or
 * the four services that {@code run-services.sh} started against an Axon Server and a MongoDB of your own.
 * Runs only when asked, with the host that serves the services' ports (8081 to 8084, as in the compose file):
 * <pre>
 * ./mvnw -pl axon-server -am verify -Dtest=DeployedScenariosTest -Dsurefire.failIfNoSpecifiedTests=false \
 *        -Dfulfillment.deployment=localhost
 * </pre>
 * It sets the payment simulator's decline limit to {@value #DECLINE_ABOVE} EUR, which the scenarios rely on.
 */
@EnabledIfSystemProperty(named = DeployedScenariosTest.DEPLOYMENT, matches = ".+")
class DeployedScenariosTest extends FulfillmentScenarioSuite {

    static final String DEPLOYMENT = "fulfillment.deployment";
    static final String DECLINE_ABOVE = "1000.00";

    private static FulfillmentScenarios scenarios;

    @BeforeAll
    static void connectToTheDeployment() throws IOException, InterruptedException {
        String host = System.getProperty(DEPLOYMENT);
        for (int port = 8081; port <= 8084; port++) {
            Readiness.await("http://" + host + ":" + port);
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> limited = http.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":8083/simulator/admin"))
                           .header("Content-Type", "application/json")
                           .POST(HttpRequest.BodyPublishers.ofString("{\"declineAbove\": " + DECLINE_ABOVE + "}"))
                           .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(limited.statusCode()).as("setting the simulator's decline limit: %s", limited.body())
                                        .isEqualTo(200);
        scenarios = new FulfillmentScenarios(
                new FulfillmentEndpoints(URI.create("http://" + host + ":8081"),
                                         URI.create("http://" + host + ":8082"),
                                         URI.create("http://" + host + ":8084")),
                new BigDecimal(DECLINE_ABOVE));
    }

    @Override
    protected FulfillmentScenarios scenarios() {
        return scenarios;
    }
}
