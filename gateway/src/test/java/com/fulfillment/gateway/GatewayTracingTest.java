package com.fulfillment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A traced request goes on in the service the gateway sends it to, in the same trace: the gateway's own span
 * in between, the W3C {@code traceparent} header passed on. Spring Boot's tests turn tracing off unless asked
 * ({@link AutoConfigureObservability}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "management.tracing.sampling.probability=0.0")
@AutoConfigureObservability(metrics = false)
class GatewayTracingTest {

    private static final StubServices STUBS = new StubServices();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

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

    @Test
    void aTracedRequestGoesOnInTheSameTraceInTheServiceThatServesIt() {
        client.mutate().responseTimeout(Duration.ofSeconds(10))
              .defaultHeader(HttpHeaders.AUTHORIZATION, GatewayUsers.OPERATOR).build()
              .post().uri("/api/orders")
              .contentType(MediaType.APPLICATION_JSON)
              .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01")
              .bodyValue("{}")
              .exchange()
              .expectStatus().isOk();

        String passedOn = STUBS.order.received("/api/orders").get(0).header("traceparent");
        assertThat(passedOn).as("the traceparent the order service received")
                            .startsWith("00-" + TRACE_ID + "-")
                            .doesNotContain(CALLER_SPAN_ID)
                            // sampled: the caller decided to trace, whatever share the gateway samples itself
                            .endsWith("-01");
    }
}
