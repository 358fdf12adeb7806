package com.fulfillment.inventoryservice;

import com.fulfillment.platform.CommandHandlingConfiguration;
import com.fulfillment.distributed.DistributedRuntimeConfiguration;
import com.fulfillment.distributed.DistributedService;
import com.fulfillment.inventory.InventoryContextModule;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The inventory context as a service of the distributed shape: the {@code Product} aggregates, the stock
 * reservation saga and the return-on-cancellation policy behind Axon Server, the catalogue commands of the
 * REST API ({@code /api/products}), and tokens and sagas in its own MongoDB database. Settings:
 * {@value #NAME}.yml.
 *
 * <p>Not a {@code @SpringBootApplication}, nor any other {@code @Component}: the standalone app scans
 * {@code com.fulfillment} and wires the inventory context itself, so it must not find this class.
 */
@EnableAutoConfiguration
@Import({DistributedRuntimeConfiguration.class, CommandHandlingConfiguration.class})
@ComponentScan("com.fulfillment.inventory.web")
public class InventoryServiceApplication {

    public static final String NAME = "inventory-service";

    public static void main(String[] args) {
        DistributedService.run(InventoryServiceApplication.class, NAME, args);
    }

    @Bean
    ConfigurerModule inventoryContext() {
        return new InventoryContextModule();
    }
}
