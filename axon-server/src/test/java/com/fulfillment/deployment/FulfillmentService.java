package com.fulfillment.deployment;

import com.fulfillment.distributed.DistributedService;
import com.fulfillment.inventoryservice.InventoryServiceApplication;
import com.fulfillment.orderservice.OrderServiceApplication;
import com.fulfillment.paymentservice.PaymentServiceApplication;
import com.fulfillment.queryservice.QueryProjectionsApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The four services of the distributed shape, started as their main classes start them. */
enum FulfillmentService {

    ORDER(OrderServiceApplication.class, OrderServiceApplication.NAME),
    INVENTORY(InventoryServiceApplication.class, InventoryServiceApplication.NAME),
    PAYMENT(PaymentServiceApplication.class, PaymentServiceApplication.NAME),
    QUERY(QueryProjectionsApplication.class, QueryProjectionsApplication.NAME);

    final Class<?> application;
    final String serviceName;

    FulfillmentService(Class<?> application, String serviceName) {
        this.application = application;
        this.serviceName = serviceName;
    }

    /** Whether its handlers schedule deadlines, kept by JobRunr in its database (the order's payment deadline, payment retries). */
    boolean keepsDeadlines() {
        return this == ORDER || this == PAYMENT;
    }

    /**
     * Starts the service on a free port, with {@code properties} over its own settings; the operator's password is
     * {@link DeploymentUsers#OPERATOR}'s unless {@code properties} name one.
     */
    Running start(Map<String, Object> properties) {
        return start(properties, Map.of());
    }

    /** {@link #start(Map)}, with {@code beans} added to the service's context. */
    Running start(Map<String, Object> properties, Map<String, Object> beans) {
        SpringApplicationBuilder builder = DistributedService.builder(application, serviceName)
                .initializers(context -> beans.forEach(context.getBeanFactory()::registerSingleton));
        Map<String, Object> settings = new HashMap<>(properties);
        settings.putIfAbsent("fulfillment.security.operator-password", DeploymentUsers.OPERATOR.password());
        String[] args = settings.entrySet().stream()
                                  .map(property -> "--" + property.getKey() + "=" + property.getValue())
                                  .toArray(String[]::new);
        ConfigurableApplicationContext context = builder.run(concat("--server.port=0", args));
        return new Running(this, context);
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** A started service; closing it stops it. */
    record Running(FulfillmentService service, ConfigurableApplicationContext context) implements AutoCloseable {

        String baseUrl() {
            return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
