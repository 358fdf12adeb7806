package com.fulfillment.deployment;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarios;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four services started in this JVM, each with its own Spring context, HTTP port and database, against
 * a given Axon Server and MongoDB, the gateway in front of them started from its jar, and the scenarios bound
 * to the gateway's one URL. The payment service's provider simulator declines charges above
 * {@value #DECLINE_ABOVE} EUR. Every request is traced, and the services' spans are kept in memory
 * ({@link #recordedSpans()}).
 */
final class InJvmDeployment implements AutoCloseable {

    static final String DECLINE_ABOVE = "1000.00";

    private final List<FulfillmentService.Running> running = new ArrayList<>();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private ExecutableJar gateway;
    private final FulfillmentScenarios scenarios;

    InJvmDeployment(String axonServerAddress, String mongoDbUri) {
        Map<String, Object> deployment = Map.of(
                "axon.axonserver.servers", axonServerAddress,
                "spring.data.mongodb.uri", mongoDbUri,
                "payment-simulator.decline-above", DECLINE_ABOVE,
                "management.tracing.sampling.probability", "1.0");
        Map<String, Object> inMemorySpans = Map.of("inMemorySpans", SimpleSpanProcessor.create(spans));
        Map<FulfillmentService, FulfillmentService.Running> services = new EnumMap<>(FulfillmentService.class);
        try {
            for (FulfillmentService service : FulfillmentService.values()) {
                FulfillmentService.Running started = service.start(deployment, inMemorySpans);
                running.add(started);
                services.put(service, started);
            }
            running.forEach(service -> Readiness.await(service.baseUrl()));
            gateway = ExecutableJar.start("gateway", "gateway", Map.of(
                    "ORDER_SERVICE_URL", services.get(FulfillmentService.ORDER).baseUrl(),
                    "INVENTORY_SERVICE_URL", services.get(FulfillmentService.INVENTORY).baseUrl(),
                    "PAYMENT_SERVICE_URL", services.get(FulfillmentService.PAYMENT).baseUrl(),
                    "QUERY_SERVICE_URL", services.get(FulfillmentService.QUERY).baseUrl(),
                    "FULFILLMENT_OPERATOR_PASSWORD", DeploymentUsers.OPERATOR.password()));
            gateway.awaitLive();
            scenarios = new FulfillmentScenarios(FulfillmentEndpoints.oneApp(gateway.baseUrl(), DeploymentUsers.CUSTOMER,
                                                                            DeploymentUsers.OPERATOR),
                                                 new BigDecimal(DECLINE_ABOVE));
        } catch (IOException failed) {
            close();
            throw new UncheckedIOException(failed);
        } catch (RuntimeException | Error failed) {
            close();
            throw failed;
        }
    }

    FulfillmentScenarios scenarios() {
        return scenarios;
    }

    /** The spans that the four services have ended so far. */
    List<SpanData> recordedSpans() {
        return spans.getFinishedSpanItems();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
