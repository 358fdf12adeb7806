package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may call what through the gateway, in its default mode (HTTP Basic, the demo users): each route as nobody,
 * as a customer and as the operator. A refused request is answered by the gateway with a problem body and reaches
 * no service; an accepted one reaches its service with the caller's {@code Authorization} header, for the service
 * to check again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewaySecurityTest {

    private static final StubServices STUBS = new StubServices();
    private static final Map<String, StubService> SERVICES = STUBS.byName;

    @DynamicPropertySource
    static void servicesAtTheStubs(DynamicPropertyRegistry registry) {
        STUBS.register(registry);
    }

    @AfterAll
    static void stopTheStubs() {
        STUBS.close();
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void freshStubs() {
        STUBS.reset();
        client = client.mutate().responseTimeout(Duration.ofSeconds(10)).build();
    }

    /** Who may call a route: anyone, a customer or the operator, or the operator only. */
    enum Access { OPEN, CUSTOMER, OPERATOR }

    @ParameterizedTest(name = "{0} {1} ({3})")
    @CsvSource({
            "POST,   /api/orders,                                                   order-service,     CUSTOMER",
            "POST,   /api/orders/order-1/cancel,                                    order-service,     CUSTOMER",
            "GET,    /api/orders,                                                   query-projections, CUSTOMER",
            "GET,    /api/orders/order-1,                                           query-projections, CUSTOMER",
            "GET,    /api/orders/order-1/events,                                    query-projections, CUSTOMER",
            "GET,    /api/customers/alice,                                          query-projections, CUSTOMER",
            "GET,    /api/products,                                                 query-projections, CUSTOMER",
            "GET,    /api/products/grinder,                                         query-projections, CUSTOMER",
            "POST,   /api/products,                                                 inventory-service, OPERATOR",
            "POST,   /api/products/grinder/restock,                                 inventory-service, OPERATOR",
            "PUT,    /api/products/grinder/price,                                   inventory-service, OPERATOR",
            "GET,    /api/payments/order-1,                                         payment-service,   OPERATOR",
            "GET,    /simulator/admin,                                              payment-service,   OPERATOR",
            "POST,   /simulator/admin/reset,                                        payment-service,   OPERATOR",
            "GET,    /simulator/ledger,                                             payment-service,   OPERATOR",
            "POST,   /simulator/charges,                                            payment-service,   OPEN",
            "GET,    /api/admin/projections,                                        query-projections, OPERATOR",
            "POST,   /api/admin/projections/order-view/rebuild,                     query-projections, OPERATOR",
            "POST,   /api/admin/compensations/failure-1/settle,                     query-projections, OPERATOR",
            "POST,   /api/admin/dead-letters/order-fulfillment-saga/orders/order-1/retry, order-service, OPERATOR",
            "DELETE, /api/admin/dead-letters/inventory-reservation-saga/letters/event-1, inventory-service, OPERATOR",
            "POST,   /api/admin/dead-letters/payment-saga/orders/order-1/retry,     payment-service,   OPERATOR"})
    void eachRouteIsCalledByWhoMayCallItAndRefusedToOthersBeforeAnyServiceSeesIt(String method, String path,
                                                                                   String service, Access access) {
        if (access == Access.OPEN) {
            reaches(method, path, service, null);
        } else {
            refusedUnauthenticated(method, path, null);
        }
        if (access == Access.OPERATOR) {
            refusedForbidden(method, path, GatewayUsers.ALICE);
        } else {
            reaches(method, path, service, GatewayUsers.ALICE);
        }
        reaches(method, path, service, GatewayUsers.OPERATOR);
    }

    @Test
    void wrongCredentialsAreRefusedEvenWhereNoneAreNeeded() {
        String wrong = GatewayUsers.basic("alice", "not-her-password");
        send("GET", "/api/orders/order-1", wrong)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"fulfillment\"")
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith(
                        "the credentials are not valid"));
        send("POST", "/simulator/charges", wrong).expectStatus().isUnauthorized();
        SERVICES.values().forEach(stub -> assertThat(stub.received()).as(stub.name).isEmpty());
    }

    @Test
    void theProbesAndTheStatusOfTheHealthAreOpenAndItsDetailsAndTheRoutingTableAreTheOperators() {
        send("GET", "/actuator/health/liveness", null).expectStatus().isOk();
        send("GET", "/actuator/health/readiness", null).expectStatus().isOk();
        send("GET", "/actuator/health", null).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        send("GET", "/actuator/health", GatewayUsers.OPERATOR).expectStatus().isOk()
                .expectBody().jsonPath("$.components.services.status").isEqualTo("UP");
        refusedUnauthenticated("GET", "/actuator/gateway/routes", null);
        refusedForbidden("GET", "/actuator/gateway/routes", GatewayUsers.ALICE);
        send("GET", "/actuator/gateway/routes", GatewayUsers.OPERATOR).expectStatus().isOk();
    }

    @Test
    void anOverviewIsForAUserOnlyAndAsksNothingOfTheServicesForNobody() {
        refusedUnauthenticated("GET", "/api/orders/order-1/overview", null);
    }

    private void reaches(String method, String path, String service, String authorization) {
        STUBS.reset();
        send(method, path, authorization)
                .expectStatus().isOk()
                .expectBody().jsonPath("$.service").isEqualTo(service);
        SERVICES.forEach((name, stub) -> assertThat(stub.received(path))
                .as("requests %s received", name).hasSize(name.equals(service) ? 1 : 0));
        assertThat(SERVICES.get(service).received(path).get(0).header(HttpHeaders.AUTHORIZATION))
                .as("the credentials %s received, to check them again", service).isEqualTo(authorization);
    }

    private void refusedUnauthenticated(String method, String path, String authorization) {
        STUBS.reset();
        send(method, path, authorization)
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"fulfillment\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("urn:fulfillment:problem:unauthorized")
                .jsonPath("$.detail").isEqualTo("this resource needs an authenticated user")
                .jsonPath("$.instance").isEqualTo(path);
        SERVICES.values().forEach(stub -> assertThat(stub.received()).as("what %s received", stub.name).isEmpty());
    }

    private void refusedForbidden(String method, String path, String authorization) {
        STUBS.reset();
        send(method, path, authorization)
                .expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.type").isEqualTo("urn:fulfillment:problem:forbidden")
                .jsonPath("$.detail").isEqualTo("this resource needs ROLE_OPERATOR")
                .jsonPath("$.requiredPermissions.length()").isEqualTo(1)
                .jsonPath("$.requiredPermissions[0]").isEqualTo("ROLE_OPERATOR")
                .jsonPath("$.instance").isEqualTo(path);
        SERVICES.values().forEach(stub -> assertThat(stub.received()).as("what %s received", stub.name).isEmpty());
    }

    private WebTestClient.ResponseSpec send(String method, String path, String authorization) {
        return client.method(HttpMethod.valueOf(method)).uri(path)
                     .headers(headers -> {
                         if (authorization != null) {
                             headers.set(HttpHeaders.AUTHORIZATION, authorization);
                         }
                     })
                     .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                     .exchange();
    }
}
