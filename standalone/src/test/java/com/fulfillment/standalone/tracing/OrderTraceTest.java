package com.fulfillment.standalone.tracing;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarios;
import com.fulfillment.standalone.FulfillmentApplication;
import com.fulfillment.standalone.TestUsers;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tracing switched on (every request sampled): an order is one trace from its REST call through the three
 * contexts, their sagas, the payment provider's HTTP call and the read side, as OpenTelemetry exports it.
 * Spring Boot's tests turn tracing off unless asked ({@link AutoConfigureObservability}).
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"fulfillment.seed-catalogue=false",
                              "management.tracing.sampling.probability=1.0",
                              "payment-simulator.decline-above=" + OrderTraceTest.DECLINE_ABOVE})
@AutoConfigureObservability(metrics = false)
@Import(OrderTraceTest.InMemorySpans.class)
@DirtiesContext // its settings are its own: no other test reuses this app, so it is not kept running
class OrderTraceTest {

    static final String DECLINE_ABOVE = "1000.00";
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    /** Each span as it ends, beside the exporters the app configures. */
    @TestConfiguration
    static class InMemorySpans {

        @Bean
        SpanProcessor inMemorySpans() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }

    @LocalServerPort
    int port;

    @Test
    void anOrderIsOneTraceFromItsRequestThroughEveryContext() {
        new FulfillmentScenarios(FulfillmentEndpoints.oneApp("http://localhost:" + port, TestUsers.ALICE,
                                                             TestUsers.OPERATOR),
                                 new BigDecimal(DECLINE_ABOVE))
                .anOrderIsOneTraceFromItsRequestThroughEveryContext(SPANS::getFinishedSpanItems);
    }
}
