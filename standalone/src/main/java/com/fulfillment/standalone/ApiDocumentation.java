package com.fulfillment.standalone;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document (and Swagger UI) says about the API: the product's API in one group, its
 * operations tagged by what a reader comes to do, and the payment simulator, which stands in for an external
 * provider, in a group of its own.
 *
 * <p>The tags are given here, by path and method, rather than with annotations on the controllers, so that
 * the contexts' web code does not depend on the documentation library of the one app that serves it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PRODUCT_GROUP = "fulfillment";
    static final String SIMULATOR_GROUP = "payment-simulator";
    private static final String SIMULATOR_PATH = "/simulator/";

    /** The capabilities, in the order a reader meets them; the first rule that matches an operation tags it. */
    private static final List<Capability> CAPABILITIES = List.of(
            new Capability("Orders", "Place and cancel orders; they are settled asynchronously",
                           (method, path) -> !method.equals("GET") && path.startsWith("/api/orders")),
            new Capability("Catalogue", "Add products, restock them and change their prices",
                           (method, path) -> !method.equals("GET") && path.startsWith("/api/products")),
            new Capability("Queries", "Orders, customers and products as the read side shows them, and live order updates",
                           (method, path) -> method.equals("GET") && (path.startsWith("/api/orders")
                                   || path.startsWith("/api/customers") || path.startsWith("/api/products"))),
            new Capability("Payments", "Where each order's payment stands, attempt by attempt",
                           (method, path) -> path.startsWith("/api/payments")),
            new Capability("Administration", "For operators: projections, rebuilds, dead letters, the event store",
                           (method, path) -> path.startsWith("/api/admin")),
            new Capability("Provider API", "The payment provider's API: charges and refunds under idempotency keys",
                           (method, path) -> path.startsWith("/simulator/charges")),
            new Capability("Faults", "Make the simulated provider slow, flaky, down or declining; its ledger",
                           (method, path) -> path.startsWith("/simulator/admin") || path.startsWith("/simulator/ledger")));

    /** The schemes Swagger UI's "Authorize" offers: the demo users' HTTP Basic, or a bearer token (JWT mode). */
    static final String BASIC_SCHEME = "basic";
    static final String BEARER_SCHEME = "bearer";

    @Bean
    OpenAPI fulfillmentApi() {
        return new OpenAPI()
                .components(new Components()
                        .addSecuritySchemes(BASIC_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("The demo users: alice, bob, carol (password demo) and operator"))
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A token of the configured OpenID Connect provider")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_SCHEME))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME))
                .info(new Info()
                .title("Fulfillment API")
                .version("v1")
                .description("""
                        Commands (place and cancel orders, administer the catalogue) and queries (orders, \
                        customers, products) of the Fulfillment system. Commands answer 202 Accepted: the order \
                        is settled asynchronously by the order, inventory and payment contexts; follow it at \
                        GET /api/orders/{id} or its event stream. Errors are RFC 9457 problem bodies. Every call \
                        but the health probes needs a user: a customer acts for themselves, an operator runs the \
                        catalogue and the administration.""")
                .license(new License().name("Apache-2.0")));
    }

    @Bean
    GroupedOpenApi productApi() {
        return GroupedOpenApi.builder()
                .group(PRODUCT_GROUP)
                .displayName("Fulfillment API")
                .pathsToMatch("/api/**")
                .build();
    }

    @Bean
    GroupedOpenApi simulatorApi() {
        return GroupedOpenApi.builder()
                .group(SIMULATOR_GROUP)
                .displayName("Payment provider simulator")
                .pathsToMatch(SIMULATOR_PATH + "**")
                .addOpenApiCustomizer(api -> api.setInfo(new Info()
                        .title("Payment provider simulator")
                        .version("v1")
                        .description("""
                                A stand-in for the external payment provider, served by the standalone app for \
                                development and tests; not part of the Fulfillment API.""")))
                .build();
    }

    /** Tags every group's operations by capability. */
    @Bean
    GlobalOpenApiCustomizer byCapability() {
        return ApiDocumentation::tagByCapability;
    }

    /**
     * The ungrouped document ({@code /v3/api-docs}, what tools fetch by default) is the product's API alone.
     * springdoc applies a customizer that is not global to that document only; the global path properties
     * would drop the simulator's paths from its own group as well.
     */
    @Bean
    OpenApiCustomizer productApiByDefault() {
        return api -> {
            api.getPaths().keySet().removeIf(path -> path.startsWith(SIMULATOR_PATH));
            tagByCapability(api);
        };
    }

    /** Replaces the controller-named tags with the capabilities, listing only those the document uses. */
    private static void tagByCapability(OpenAPI api) {
        List<String> used = new ArrayList<>();
        api.getPaths().forEach((path, item) -> operations(item).forEach((method, operation) -> {
            String tag = CAPABILITIES.stream()
                    .filter(capability -> capability.covers().test(method, path))
                    .map(Capability::name)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no capability documents " + method + " " + path));
            operation.setTags(List.of(tag));
            if (!used.contains(tag)) {
                used.add(tag);
            }
        }));
        api.setTags(CAPABILITIES.stream()
                                .filter(capability -> used.contains(capability.name()))
                                .map(capability -> new Tag().name(capability.name()).description(capability.description()))
                                .toList());
    }

    private static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> operations = new LinkedHashMap<>();
        item.readOperationsMap().forEach((method, operation) -> operations.put(method.name(), operation));
        return operations;
    }

    private record Capability(String name, String description, BiPredicate<String, String> covers) {
    }
}
