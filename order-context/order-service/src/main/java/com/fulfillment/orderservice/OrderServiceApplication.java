package com.fulfillment.orderservice;

import com.fulfillment.platform.CommandHandlingConfiguration;
import com.fulfillment.distributed.DistributedRuntimeConfiguration;
import com.fulfillment.distributed.DistributedService;
import com.fulfillment.distributed.DurableDeadlinesConfiguration;
import com.fulfillment.order.OrderContextModule;
import com.fulfillment.order.saga.OrderTimeouts;
import com.fulfillment.order.web.OrderIds;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The order context as a service of the distributed shape: the {@code Order} aggregate and its saga behind
 * Axon Server, the order commands of the REST API ({@code /api/orders}), and tokens, sagas and payment
 * deadlines in its own MongoDB database. Settings: {@value #NAME}.yml.
 *
 * <p>Not a {@code @SpringBootApplication}, nor any other {@code @Component}: the standalone app scans
 * {@code com.fulfillment} and wires the order context itself, so it must not find this class.
 */
@EnableAutoConfiguration
@Import({DistributedRuntimeConfiguration.class, CommandHandlingConfiguration.class, DurableDeadlinesConfiguration.class})
@ComponentScan(basePackageClasses = OrderIds.class)
public class OrderServiceApplication {

    public static final String NAME = "order-service";

    public static void main(String[] args) {
        DistributedService.run(OrderServiceApplication.class, NAME, args);
    }

    @Bean
    OrderTimeouts orderTimeouts(@Value("${fulfillment.payment-timeout}") Duration paymentTimeout) {
        return new OrderTimeouts(paymentTimeout);
    }

    @Bean
    ConfigurerModule orderContext(OrderTimeouts orderTimeouts) {
        return new OrderContextModule(orderTimeouts);
    }

    @Bean
    OrderIds orderIds() {
        return OrderIds.random();
    }
}
