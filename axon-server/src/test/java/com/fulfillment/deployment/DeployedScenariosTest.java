package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The end-to-end scenarios against a distributed deployment that is already running, through its gateway:
 * the compose file's, or the one {@code run-services.sh} started against an Axon Server and a MongoDB of your
 * own. Runs only when given the gateway's URL:
 * <pre>
 * ./mvnw -pl axon-server -am verify -Dtest=DeployedScenariosTest -Dsurefire.failIfNoSpecifiedTests=false \
 *        -Dfulfillment.deployment=http://localhost:8080
 * </pre>
 * It waits until the gateway's health shows every service ready, and sets the payment simulator's decline
 * limit to {@value #DECLINE_ABOVE} EUR, which the scenarios rely on.
 */
@EnabledIfSystemProperty(named = DeployedScenariosTest.DEPLOYMENT, matches = ".+")
class DeployedScenariosTest extends FulfillmentScenarioSuite {

    static final String DEPLOYMENT = "fulfillment.deployment";
    static final String DECLINE_ABOVE = "1000.00";

    private static FulfillmentScenarios scenarios;

    @BeforeAll
    static void connectToTheDeployment() throws Exception {
        String gateway = System.getProperty(DEPLOYMENT).replaceAll("/+$", "");
        HttpClient http = HttpClient.newHttpClient();
        // The gateway's health is UP once every service behind it is ready.
        Awaitility.await("every service ready, as " + gateway + "/actuator/health shows")
                  .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                  .until(() -> http.send(HttpRequest.newBuilder(URI.create(gateway + "/actuator/health")).build(),
                                         HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        HttpResponse<String> limited = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/simulator/admin"))
                           .header("Content-Type", "application/json")
                           .header("Authorization", DeploymentUsers.OPERATOR.authorization())
                           .POST(HttpRequest.BodyPublishers.ofString("{\"declineAbove\": " + DECLINE_ABOVE + "}"))
                           .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(limited.statusCode()).as("setting the simulator's decline limit: %s", limited.body())
                                        .isEqualTo(200);
        scenarios = new FulfillmentScenarios(FulfillmentEndpoints.oneApp(gateway, DeploymentUsers.CUSTOMER,
                                                                        DeploymentUsers.OPERATOR),
                                             new BigDecimal(DECLINE_ABOVE));
    }

    @Override
    protected FulfillmentScenarios scenarios() {
        return scenarios;
    }
}
