package com.fulfillment.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Every context of Fulfillment in one JVM: order, inventory, payment and the query projections, with
 * events in an embedded H2 file and read models in an embedded MongoDB-wire server, both under
 * {@code fulfillment.data-dir}.
 */
@SpringBootApplication(scanBasePackages = "com.fulfillment")
@ConfigurationPropertiesScan("com.fulfillment")
public class FulfillmentApplication {

    public static void main(String[] args) {
        SpringApplication.run(FulfillmentApplication.class, args);
    }
}
