package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's executable jar, started with {@code java -jar} as run-services.sh and the Docker image start
 * it, holds everything the service runs on: it comes up (before Axon Server, here) and answers its probes.
 * The gateway's jar comes up without any service and answers for the missing ones.
 */
class ServiceJarsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MongoServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
    }

    @AfterAll
    static void stopMongo() {
        mongo.shutdownNow();
    }

    @ParameterizedTest
    @CsvSource({"order-context/order-service, order-service",
                "inventory-context/inventory-service, inventory-service",
                "payment-context/payment-service, payment-service",
                "query-projections, query-projections"})
    void theServiceJarStartsOnItsOwn(String module, String service) throws Exception {
        try (ExecutableJar running = ExecutableJar.start(module, service, Map.of(
                "AXON_SERVER_ADDRESS", "localhost:" + ExecutableJar.freePort(),
                "MONGODB_URI", mongo.getConnectionString()))) {
            running.awaitLive();

            HttpResponse<String> readiness =
                    ExecutableJar.get(URI.create(running.baseUrl() + "/actuator/health/readiness"));
            JsonNode probe = JSON.readTree(readiness.body());
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(probe.at("/components/axonServer/status").asText()).isEqualTo("DOWN");
            assertThat(probe.at("/components/mongo/details/database").asText()).isEqualTo(service);
        }
    }

    @Test
    void theGatewayJarStartsOnItsOwnAndAnswersForAServiceThatIsNotRunning() throws Exception {
        try (ExecutableJar gateway = ExecutableJar.start("gateway", "gateway", Map.of(
                "QUERY_SERVICE_URL", "http://localhost:" + ExecutableJar.freePort()))) {
            gateway.awaitLive();

            assertThat(ExecutableJar.get(URI.create(gateway.baseUrl() + "/actuator/health/readiness")).statusCode())
                    .isEqualTo(200);
            assertThat(ExecutableJar.get(URI.create(gateway.baseUrl() + "/api/orders/order-1")).statusCode())
                    .as("without credentials").isEqualTo(401);
            HttpResponse<String> order = ExecutableJar.get(URI.create(gateway.baseUrl() + "/api/orders/order-1"),
                                                           DeploymentUsers.CUSTOMER);
            assertThat(order.statusCode()).isEqualTo(503);
            assertThat(order.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(order.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(JSON.readTree(order.body()).get("detail").asText())
                    .isEqualTo("query-projections cannot be reached; try again later");
        }
    }
}
