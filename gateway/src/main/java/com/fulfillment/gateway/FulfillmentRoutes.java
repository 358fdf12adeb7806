package com.fulfillment.gateway;

import static com.fulfillment.gateway.Service.INVENTORY;
import static com.fulfillment.gateway.Service.ORDER;
import static com.fulfillment.gateway.Service.PAYMENT;
import static com.fulfillment.gateway.Service.QUERY;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Duration;
import java.util.function.Function;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpHeaders;
import org.springframework.cloud.gateway.route.builder.BooleanSpec;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routing table: by method and path, each URL of the standalone app goes to the service that serves it
 * in the distributed shape. The predicates do not overlap, so the order of the routes does not matter.
 * Every route has its own circuit breaker (named by the route id) and its own time limit for the service's
 * response headers ({@code fulfillment.gateway.timeouts.<route id>}); GETs are sent again after a connection
 * failure or a time-out, anything else never, since a command may have been carried out even when its answer
 * was lost.
 */
@Configuration
class FulfillmentRoutes {

    @Bean
    RouteLocator routingTable(RouteLocatorBuilder builder, GatewaySettings settings) {
        Table table = new Table(builder.routes(), settings);
        table.route("order-commands", ORDER,
                    r -> r.method(POST).and().path("/api/orders", "/api/orders/*/cancel"));
        table.route("order-queries", QUERY,
                    r -> r.method(GET).and().path("/api/orders", "/api/orders/*", "/api/customers/*"));
        table.stream("order-events", QUERY,
                     r -> r.method(GET).and().path("/api/orders/*/events"));
        table.route("catalogue-commands", INVENTORY,
                    r -> r.method(POST, PUT, PATCH, DELETE).and().path("/api/products", "/api/products/**"));
        table.route("catalogue-queries", QUERY,
                    r -> r.method(GET).and().path("/api/products", "/api/products/*"));
        table.route("payment-queries", PAYMENT,
                    r -> r.method(GET).and().path("/api/payments/**"));
        table.route("payment-simulator", PAYMENT,
                    r -> r.path("/simulator/**"));
        table.route("read-side-admin", QUERY,
                    r -> r.path("/api/admin/projections/**", "/api/admin/compensations/**"));
        // Each service keeps the dead letters of its own sagas and policies, whose names start with the context's.
        table.route("order-dead-letters", ORDER,
                    r -> r.path("/api/admin/dead-letters/order-*/**"));
        table.route("inventory-dead-letters", INVENTORY,
                    r -> r.path("/api/admin/dead-letters/inventory-*/**"));
        table.route("payment-dead-letters", PAYMENT,
                    r -> r.path("/api/admin/dead-letters/payment-*/**"));
        return table.build();
    }

    /** Adds routes with the filters every route has. */
    private static final class Table {

        private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
        private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

        private final RouteLocatorBuilder.Builder routes;
        private final GatewaySettings settings;

        Table(RouteLocatorBuilder.Builder routes, GatewaySettings settings) {
            this.routes = routes;
            this.settings = settings;
        }

        /** A request answered at once: GETs are retried. */
        void route(String id, Service service, Function<PredicateSpec, BooleanSpec> predicate) {
            add(id, service, predicate, true);
        }

        /**
         * A response that lasts (server-sent events): not retried, since part of it may have reached the client.
         * Its time limit is for the response headers only, and the gateway passes each event on as it comes.
         */
        void stream(String id, Service service, Function<PredicateSpec, BooleanSpec> predicate) {
            add(id, service, predicate, false);
        }

        private void add(String id, Service service, Function<PredicateSpec, BooleanSpec> predicate,
                         boolean retryReads) {
            long timeoutMillis = settings.timeout(id).toMillis();
            routes.route(id, r -> predicate.apply(r)
                    .filters(filters -> {
                        // The breaker sees a call only once its retries are spent: listed first, it wraps them.
                        GatewayFilterSpec spec = filters
                                .filter(UnavailableServices.rememberRequestedUri())
                                // The gateway answers browsers' CORS (GatewaySecurity); a service that did too
                                // would add its headers a second time.
                                .removeRequestHeader(HttpHeaders.ORIGIN)
                                .circuitBreaker(breaker -> breaker
                                        .setName(id)
                                        .setFallbackUri("forward:" + UnavailableServices.PATH + service.serviceName));
                        return retryReads ? spec.retry(retry -> retry
                                .setRetries(settings.retries())
                                .setMethods(GET)
                                // Only failures before any response: a service's own 5xx answer stands.
                                .setSeries()
                                .setBackoff(FIRST_BACKOFF, MAX_BACKOFF, 2, false)) : spec;
                    })
                    .metadata(RESPONSE_TIMEOUT_ATTR, timeoutMillis)
                    .uri(settings.url(service)));
        }

        RouteLocator build() {
            return routes.build();
        }
    }
}
