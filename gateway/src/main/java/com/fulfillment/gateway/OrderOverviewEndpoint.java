package com.fulfillment.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fulfillment.access.ApiSecurityProperties;
import com.fulfillment.overview.OrderNotFoundException;
import com.fulfillment.overview.OrderOverview;
import com.fulfillment.overview.OrderOverviews;
import com.fulfillment.overview.OrderViewUnavailableException;
import com.fulfillment.overview.OverviewSettings;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/orders/{orderId}/overview} in the distributed shape: the gateway gathers the order view, the
 * payment's attempts and the products' availability from the services ({@link OrderOverviews} over
 * {@link HttpOverviewSources}), so that a client makes one call where the parts live in two services. The parts'
 * circuit breakers are in the same registry as the routes'.
 */
@RestController
class OrderOverviewEndpoint implements AutoCloseable {

    static final URI NOT_FOUND = URI.create("urn:fulfillment:problem:not-found");
    static final URI UNAVAILABLE = URI.create("urn:fulfillment:problem:order-view-unavailable");

    private static final Logger log = LoggerFactory.getLogger(OrderOverviewEndpoint.class);

    private final OrderOverviews overviews;
    private final HttpOverviewSources sources;
    private final Optional<String> gatewayOperator;

    OrderOverviewEndpoint(Environment environment, ReactiveResilience4JCircuitBreakerFactory breakers,
                          WebClient.Builder http, GatewaySettings settings, ApiSecurityProperties security) {
        this.gatewayOperator = GatewaySecurity.operatorCredentials(security);
        OverviewSettings overviewSettings = Binder.get(environment).bind("fulfillment.overview", OverviewSettings.class)
                                                  .orElseGet(OverviewSettings::defaults);
        this.overviews = new OrderOverviews(overviewSettings, breakers.getCircuitBreakerRegistry());
        this.sources = new HttpOverviewSources(http, settings);
    }

    @GetMapping(path = "/api/orders/{orderId}/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> overview(@PathVariable String orderId,
                                     @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                     String authorization, ServerWebExchange exchange) {
        // The query service sees the client's own credentials: another customer's order is not found for them, and
        // the overview with it (the payment, asked at the same time, is then dropped unseen). A customer may not
        // read payments; for their own order's overview the gateway asks as the operator where it knows the
        // operator's password (mode basic), and the payment is missing from it otherwise.
        return exchange.getPrincipal()
                       .map(GatewaySecurity::isOperator)
                       .defaultIfEmpty(false)
                       .map(operator -> sources.as(authorization,
                                                   operator ? authorization : gatewayOperator.orElse(authorization)))
                       .flatMap(caller -> Mono.fromFuture(() -> overviews.overview(orderId, caller)))
                   .<ResponseEntity<?>>map(ResponseEntity::ok)
                   .onErrorResume(OrderNotFoundException.class, unknown -> Mono.just(notFound(orderId, unknown)))
                   .onErrorResume(OrderViewUnavailableException.class, unavailable -> {
                       log.warn("GET /api/orders/{}/overview: {}", orderId, unavailable.getMessage());
                       return Mono.just(unavailable(orderId, unavailable));
                   });
    }

    private static ResponseEntity<ProblemDetail> notFound(String orderId, OrderNotFoundException unknown) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, unknown.getMessage(), orderId);
        problem.setType(NOT_FOUND);
        problem.setTitle("Order not found");
        problem.setProperty("orderId", orderId);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> unavailable(String orderId, OrderViewUnavailableException unavailable) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, unavailable.getMessage(), orderId);
        problem.setType(UNAVAILABLE);
        problem.setTitle("Order view unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .header(HttpHeaders.RETRY_AFTER,
                                     String.valueOf(Math.max(1, unavailable.retryAfter().toSeconds())))
                             .body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, String orderId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(UriComponentsBuilder.fromPath("/api/orders/{orderId}/overview").buildAndExpand(orderId)
                                                .encode().toUri());
        return problem;
    }

    @Override
    public void close() {
        overviews.close();
    }
}
