package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Browsers of other origins, with {@code fulfillment.security.allowed-origins} naming one: the gateway answers
 * their preflight requests itself, refuses other origins, and adds the CORS headers once to what the services
 * answer, without passing the {@code Origin} header on (a service would add its own headers a second time).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "fulfillment.security.allowed-origins=https://shop.example")
class GatewayCorsTest {

    private static final String SHOP = "https://shop.example";
    private static final StubServices STUBS = new StubServices();

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

    @Test
    void aPreflightFromTheAllowedOriginIsAnsweredByTheGatewayWithCredentialsAllowed() {
        preflight(SHOP)
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SHOP)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                                      methods -> assertThat(methods).contains("POST"));
        STUBS.byName.values().forEach(stub -> assertThat(stub.received()).as(stub.name).isEmpty());
    }

    @Test
    void aPreflightFromAnotherOriginIsRefusedAndReachesNoService() {
        preflight("https://elsewhere.example")
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        STUBS.byName.values().forEach(stub -> assertThat(stub.received()).as(stub.name).isEmpty());
    }

    @Test
    void aCallFromTheAllowedOriginGetsTheHeadersOnceAndTheServiceNoOrigin() {
        client.get().uri("/api/orders/order-1")
              .header(HttpHeaders.ORIGIN, SHOP)
              .header(HttpHeaders.AUTHORIZATION, GatewayUsers.ALICE)
              .exchange()
              .expectStatus().isOk()
              .expectHeader().values(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN,
                                     origins -> assertThat(origins).containsExactly(SHOP))
              .expectBody().jsonPath("$.service").isEqualTo("query-projections");
        StubService.Received received = STUBS.byName.get("query-projections").received("/api/orders/order-1").get(0);
        assertThat(received.header(HttpHeaders.ORIGIN)).as("the Origin the service received").isNull();
        assertThat(received.header(HttpHeaders.AUTHORIZATION)).isEqualTo(GatewayUsers.ALICE);
    }

    private WebTestClient.ResponseSpec preflight(String origin) {
        return client.method(HttpMethod.OPTIONS).uri("/api/orders")
                     .header(HttpHeaders.ORIGIN, origin)
                     .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                     .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
                     .exchange();
    }
}
