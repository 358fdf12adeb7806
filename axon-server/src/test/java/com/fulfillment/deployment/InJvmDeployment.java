package com.fulfillment.deployment;

import com.fulfillment.scenarios.FulfillmentEndpoints;
import com.fulfillment.scenarios.FulfillmentScenarios;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four services started in this JVM, each with its own Spring context, HTTP port and database, against
 * a given Axon Server and MongoDB, and the scenarios bound to them. The payment service's provider simulator
 * declines charges above {@value #DECLINE_ABOVE} EUR.
 */
final class InJvmDeployment implements AutoCloseable {

    static final String DECLINE_ABOVE = "1000.00";

    private final List<FulfillmentService.Running> running = new ArrayList<>();
    private final FulfillmentScenarios scenarios;

    InJvmDeployment(String axonServerAddress, String mongoDbUri) {
        Map<String, Object> deployment = Map.of(
                "axon.axonserver.servers", axonServerAddress,
                "spring.data.mongodb.uri", mongoDbUri,
                "payment-simulator.decline-above", DECLINE_ABOVE);
        Map<FulfillmentService, FulfillmentService.Running> services = new EnumMap<>(FulfillmentService.class);
        try {
            for (FulfillmentService service : FulfillmentService.values()) {
                FulfillmentService.Running started = service.start(deployment);
                running.add(started);
                services.put(service, started);
            }
            running.forEach(service -> Readiness.await(service.baseUrl()));
        } catch (RuntimeException | Error failed) {
            close();
            throw failed;
        }
        scenarios = new FulfillmentScenarios(
                new FulfillmentEndpoints(URI.create(services.get(FulfillmentService.ORDER).baseUrl()),
                                         URI.create(services.get(FulfillmentService.INVENTORY).baseUrl()),
                                         URI.create(services.get(FulfillmentService.QUERY).baseUrl())),
                new BigDecimal(DECLINE_ABOVE));
    }

    FulfillmentScenarios scenarios() {
        return scenarios;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }
}
