package com.fulfillment.standalone;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI document (and Swagger UI) says about the API as a whole. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI fulfillmentApi() {
        return new OpenAPI().info(new Info()
                .title("Fulfillment API")
                .version("v1")
                .description("""
                        Commands (place and cancel orders, administer the catalogue) and queries (orders, \
                        customers, products) of the Fulfillment system. Commands answer 202 Accepted: the order \
                        is settled asynchronously by the order, inventory and payment contexts; follow it at \
                        GET /api/orders/{id} or its event stream. Errors are RFC 9457 problem bodies.""")
                .license(new License().name("Apache-2.0")));
    }
}
