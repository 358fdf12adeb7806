package com.fulfillment.standalone;

import com.fulfillment.inventory.api.AddProductCommand;
import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.ProductId;
import com.fulfillment.platform.CommandFailure;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Adds a small demo catalogue on start, so a newcomer can place an order at once. Adding a product that
 * exists already is refused by the event store, which makes this safe to run on every start: only the
 * first one adds anything. Switch it off with {@code fulfillment.seed-catalogue=false}.
 */
@Component
class DemoCatalogue {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    static final List<AddProductCommand> PRODUCTS = List.of(
            product("espresso-beans", "Espresso beans 1 kg", "18.90", 100),
            product("filter-papers", "Filter papers (100)", "3.50", 500),
            product("grinder", "Burr grinder", "129.00", 10),
            product("kettle", "Gooseneck kettle", "59.00", 25),
            product("scale", "Coffee scale", "24.95", 40));

    private final FulfillmentProperties properties;
    private final CommandGateway commands;

    DemoCatalogue(FulfillmentProperties properties, CommandGateway commands) {
        this.properties = properties;
        this.commands = commands;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!properties.seedCatalogue()) {
            return;
        }
        int added = 0;
        for (AddProductCommand product : PRODUCTS) {
            try {
                commands.sendAndWait(product);
                added++;
            } catch (RuntimeException failure) {
                CommandFailure.expected(failure, CommandFailure::aggregateExists); // seeded by an earlier start
            }
        }
        if (added > 0) {
            log.info("Seeded the demo catalogue with {} products", added);
        }
    }

    private static AddProductCommand product(String sku, String name, String price, int stock) {
        return new AddProductCommand(ProductId.of(sku), name, Money.of(price, "EUR"), stock);
    }
}
