package com.fulfillment.deployment;

import static org.awaitility.Awaitility.await;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarioSuite;
import com.fulfillment.scenarios.FulfillmentScenarios;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.server.AxonServerContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The end-to-end scenarios that the standalone app passes (its {@code StandaloneScenariosTest}), here against
 * the distributed shape: Axon Server and MongoDB in containers, the four services started as their main
 * classes start them, in this JVM, each with its own Spring context, HTTP port and database. The payment
 * service's provider simulator declines charges above {@value #DECLINE_ABOVE} EUR.
 */
@Testcontainers(disabledWithoutDocker = true)
class DistributedScenariosTest extends FulfillmentScenarioSuite {

    static final String DECLINE_ABOVE = "1000.00";

    @Container
    static final AxonServerContainer AXON_SERVER = new AxonServerContainer("axoniq/axonserver:2024.2.4-jdk-17")
            .withDevMode(true);

    @Container
    static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:7.0");

    private static final List<FulfillmentService.Running> RUNNING = new ArrayList<>();
    private static FulfillmentScenarios scenarios;

    @BeforeAll
    static void startTheFourServices() {
        Map<String, Object> deployment = Map.of(
                "axon.axonserver.servers", AXON_SERVER.getAxonServerAddress(),
                "spring.data.mongodb.uri", MONGODB.getConnectionString(),
                "payment-simulator.decline-above", DECLINE_ABOVE);
        Map<FulfillmentService, FulfillmentService.Running> services = new EnumMap<>(FulfillmentService.class);
        for (FulfillmentService service : FulfillmentService.values()) {
            FulfillmentService.Running running = service.start(deployment);
            RUNNING.add(running);
            services.put(service, running);
        }
        RUNNING.forEach(DistributedScenariosTest::awaitReady);
        scenarios = new FulfillmentScenarios(
                new FulfillmentEndpoints(URI.create(services.get(FulfillmentService.ORDER).baseUrl()),
                                         URI.create(services.get(FulfillmentService.INVENTORY).baseUrl()),
                                         URI.create(services.get(FulfillmentService.QUERY).baseUrl())),
                new BigDecimal(DECLINE_ABOVE));
    }

    @AfterAll
    static void stopTheServices() {
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).close();
        }
        RUNNING.clear();
    }

    @Override
    protected FulfillmentScenarios scenarios() {
        return scenarios;
    }

    /** Ready: connected to Axon Server, its database answering, its deadline scheduler running. */
    private static void awaitReady(FulfillmentService.Running service) {
        HttpClient http = HttpClient.newHttpClient();
        URI readiness = URI.create(service.baseUrl() + "/actuator/health/readiness");
        await(service.service() + " ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(readiness).GET().build(),
                                       HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}
