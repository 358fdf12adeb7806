package com.fulfillment.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import com.fulfillment.overview.OverviewSettings.CircuitBreakerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fulfillment.gateway.*}: where each service answers, how long each route may take to start answering,
 * how often a read is tried again, and when a route's circuit breaker opens.
 *
 * @param services       each service's root URL, by the service's name ({@code order-service}, ...)
 * @param timeouts       per route id, how long the service may take to send its response headers
 * @param retries        how many more times a GET is sent after a connection failure or time-out
 * @param circuitBreaker when a route's breaker opens (a share of failed calls, connection failures and time-outs,
 *                       over its latest calls) and how long it stays open; that wait is also the
 *                       {@code Retry-After} of the gateway's 503 answers. The same settings as the order overview's
 *                       breakers.
 */
@ConfigurationProperties("fulfillment.gateway")
record GatewaySettings(Map<String, URI> services, Map<String, Duration> timeouts, int retries,
                       CircuitBreakerSettings circuitBreaker) {

    GatewaySettings {
        Objects.requireNonNull(services, "fulfillment.gateway.services must be set");
        Objects.requireNonNull(timeouts, "fulfillment.gateway.timeouts must be set");
        Objects.requireNonNull(circuitBreaker, "fulfillment.gateway.circuit-breaker must be set");
        if (retries < 0) {
            throw new IllegalArgumentException("fulfillment.gateway.retries must not be negative, was " + retries);
        }
    }

    URI url(Service service) {
        URI url = services.get(service.serviceName);
        if (url == null) {
            throw new IllegalStateException("fulfillment.gateway.services." + service.serviceName + " is not set");
        }
        return url;
    }

    Duration timeout(String routeId) {
        Duration timeout = timeouts.get(routeId);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("fulfillment.gateway.timeouts." + routeId + " must be a positive duration");
        }
        return timeout;
    }
}
