package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ApplicationContext;

/**
 * Each service started the way it is deployed, but before Axon Server is there: it must come up instead of
 * failing, answer its probes, and report itself not ready, naming Axon Server, until it can connect.
 * MongoDB is an in-memory MongoDB-wire server here.
 */
class ServicesStartBeforeAxonServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BeforeAxonServer servers;

    @BeforeAll
    static void startMongoButNoAxonServer() {
        servers = new BeforeAxonServer();
    }

    @AfterAll
    static void stopMongo() {
        servers.close();
    }

    @ParameterizedTest
    @EnumSource(FulfillmentService.class)
    void aServiceStartedBeforeAxonServerRunsButIsNotReady(FulfillmentService service) throws Exception {
        try (FulfillmentService.Running running = servers.start(service)) {

            HttpResponse<String> liveness = get(running, "/actuator/health/liveness");
            HttpResponse<String> readiness = get(running, "/actuator/health/readiness");

            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(readiness.statusCode()).isEqualTo(503);
            JsonNode probe = JSON.readTree(readiness.body());
            assertThat(probe.path("status").asText()).isEqualTo("DOWN");
            assertThat(probe.at("/components/axonServer/status").asText()).isEqualTo("DOWN");
            assertThat(probe.at("/components/mongo/status").asText()).isEqualTo("UP");
            assertThat(probe.at("/components/mongo/details/database").asText()).isEqualTo(service.serviceName);
            if (service.keepsDeadlines()) {
                assertThat(probe.at("/components/deadlines/status").asText()).isEqualTo("UP");
                assertThat(running.context().getBean(DeadlineManager.class)).isInstanceOf(JobRunrDeadlineManager.class);
            } else {
                assertThat(probe.at("/components/deadlines").isMissingNode()).isTrue();
            }
            // handler calls of events and commands timed by their unit of work alone, as in the standalone app
            TimeoutProperties.MessageHandlerTimeoutProperties handlers =
                    running.context().getBean(TimeoutProperties.class).getHandler();
            for (TaskTimeoutSettings untimed : List.of(handlers.getEvents(), handlers.getCommands())) {
                assertThat(untimed.getTimeoutMs()).isEqualTo(-1);
                assertThat(untimed.getWarningThresholdMs()).isEqualTo(-1);
            }
            assertThat(handlers.getQueries().getTimeoutMs()).isPositive();
        }
    }

    /** As in the end-to-end test of the distributed shape, which runs them in one JVM too. */
    @Test
    void theFourServicesRunSideBySideEachWithItsOwnPortAndDatabase() throws Exception {
        List<FulfillmentService.Running> running = new ArrayList<>();
        try {
            for (FulfillmentService service : FulfillmentService.values()) {
                running.add(servers.start(service));
            }

            assertThat(running).extracting(FulfillmentService.Running::baseUrl).doesNotHaveDuplicates();
            for (FulfillmentService.Running service : running) {
                JsonNode probe = JSON.readTree(get(service, "/actuator/health/readiness").body());
                assertThat(probe.at("/components/mongo/details/database").asText())
                        .isEqualTo(service.service().serviceName);
                if (service.service().keepsDeadlines()) {
                    assertThat(probe.at("/components/deadlines/status").asText()).as(service.service().name())
                                                                                  .isEqualTo("UP");
                }
            }
        } finally {
            running.forEach(FulfillmentService.Running::close);
        }
    }

    /**
     * A path the web server refuses before any controller sees it (here an encoded backslash) gets the same
     * problem body as every other bad request; the JDK's client sends the path as it is given.
     */
    @Test
    void aPathTheWebServerRefusesIsAnsweredWithAProblemBody() throws Exception {
        try (FulfillmentService.Running inventory = servers.start(FulfillmentService.INVENTORY)) {
            HttpResponse<String> refused = HTTP.send(
                    HttpRequest.newBuilder(URI.create(inventory.baseUrl() + "/api/products/%5C/price"))
                               .header("Content-Type", "application/json")
                               .PUT(HttpRequest.BodyPublishers.ofString("{\"amount\":\"1.00\",\"currency\":\"EUR\"}"))
                               .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            assertThat(problem.path("title").asText()).isEqualTo("Invalid request");
            assertThat(problem.path("instance").asText()).isEqualTo("/api/products/%5C/price");
        }
    }

    /** The guards around provider calls come from the same file as the standalone app's, not library defaults. */
    @Test
    void thePaymentServiceGuardsProviderCallsAsTheStandaloneAppDoes() throws Exception {
        try (FulfillmentService.Running payment = servers.start(FulfillmentService.PAYMENT)) {
            ApplicationContext context = payment.context();

            CircuitBreakerConfig circuit = context.getBean(CircuitBreakerRegistry.class)
                                                  .circuitBreaker("paymentProvider").getCircuitBreakerConfig();
            assertThat(circuit.getSlidingWindowSize()).isEqualTo(10);
            assertThat(circuit.getMinimumNumberOfCalls()).isEqualTo(5);
            assertThat(context.getBean(BulkheadRegistry.class).bulkhead("paymentProvider")
                              .getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(10);
            assertThat(context.getBean(TimeLimiterRegistry.class).timeLimiter("paymentProvider")
                              .getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
            assertThat(context.getEnvironment().getProperty("fulfillment.payment.retry.max-delay")).isEqualTo("10s");
            JsonNode health = JSON.readTree(HTTP.send(
                    HttpRequest.newBuilder(URI.create(payment.baseUrl() + "/actuator/health"))
                               .header("Authorization", DeploymentUsers.OPERATOR.authorization()).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.at("/components/circuitBreakers/details/paymentProvider/details/state").asText())
                    .isEqualTo("CLOSED");
        }
    }

    private static HttpResponse<String> get(FulfillmentService.Running service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }
}
