package com.fulfillment.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fulfillment.scenarios.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service checks who calls it, as the standalone app does (no trust in the network: the gateway checked the
 * caller already, and a service checks again whatever reaches it): nobody is refused 401, a customer on an
 * operator's URL 403, both with problem bodies, and the services' own rules (a customer places orders for
 * themselves only) see the user. Started as deployed, before Axon Server is there; MongoDB is an in-memory
 * MongoDB-wire server.
 */
class ServiceSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Credentials ALICE = Credentials.demoCustomer("alice");

    private static BeforeAxonServer servers;

    @BeforeAll
    static void startMongoButNoAxonServer() {
        servers = new BeforeAxonServer();
    }

    @AfterAll
    static void stopMongo() {
        servers.close();
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({"ORDER,     POST, /api/orders",
                "INVENTORY, POST, /api/products",
                "PAYMENT,   GET,  /api/payments/order-1",
                "QUERY,     GET,  /api/orders/order-1"})
    void aServiceRefusesNobodyAndACustomerOnAnOperatorsUrlAndLetsTheOperatorIn(FulfillmentService service,
                                                                              String method, String path)
            throws Exception {
        try (FulfillmentService.Running running = servers.start(service)) {
            assertThat(send(running, null, "GET", "/actuator/health/liveness").statusCode()).isEqualTo(200);

            HttpResponse<String> anonymous = send(running, null, method, path);
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"fulfillment\"");
            assertThat(problem(anonymous).path("type").asText()).isEqualTo("urn:fulfillment:problem:unauthorized");
            assertThat(problem(anonymous).path("instance").asText()).isEqualTo(path);

            HttpResponse<String> wrongPassword = send(running, new Credentials("alice", "not-hers"), method, path);
            assertThat(wrongPassword.statusCode()).isEqualTo(401);

            HttpResponse<String> customer = send(running, ALICE, "GET", "/actuator/metrics");
            assertThat(customer.statusCode()).as(customer.body()).isEqualTo(403);
            assertThat(problem(customer).path("type").asText()).isEqualTo("urn:fulfillment:problem:forbidden");
            assertThat(problem(customer).at("/requiredPermissions/0").asText()).isEqualTo("ROLE_OPERATOR");

            HttpResponse<String> operator = send(running, DeploymentUsers.OPERATOR, "GET", "/actuator/metrics");
            assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
            assertThat(JSON.readTree(operator.body()).path("names").isArray()).isTrue();
        }
    }

    @Test
    void theOrderServiceTakesTheCustomerFromTheCallerNotFromTheBody() throws Exception {
        try (FulfillmentService.Running order = servers.start(FulfillmentService.ORDER)) {
            HttpResponse<String> refused = send(order, Credentials.demoCustomer("bob"), "POST", "/api/orders",
                    "{\"customerId\":\"alice\",\"lines\":[{\"productId\":\"kettle\",\"quantity\":1}]}");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(problem(refused).path("detail").asText())
                    .isEqualTo("a customer places orders for themselves only, not for alice");
        }
    }

    @Test
    void thePaymentSimulatorsProviderApiStaysOpenAndItsFaultsAreTheOperators() throws Exception {
        try (FulfillmentService.Running payment = servers.start(FulfillmentService.PAYMENT)) {
            HttpResponse<String> charge = send(payment, null, "GET", "/simulator/charges/unknown-key");
            assertThat(charge.statusCode()).as(charge.body()).isNotIn(401, 403);
            assertThat(send(payment, null, "GET", "/simulator/admin").statusCode()).isEqualTo(401);
            assertThat(send(payment, ALICE, "GET", "/simulator/admin").statusCode()).isEqualTo(403);
            assertThat(send(payment, DeploymentUsers.OPERATOR, "GET", "/simulator/admin").statusCode()).isEqualTo(200);
        }
    }

    private static JsonNode problem(HttpResponse<String> answer) throws IOException {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> send(FulfillmentService.Running service, Credentials user, String method,
                                             String path) throws Exception {
        return send(service, user, method, path, "{}");
    }

    private static HttpResponse<String> send(FulfillmentService.Running service, Credentials user, String method,
                                             String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
                                                     : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", user.authorization());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
