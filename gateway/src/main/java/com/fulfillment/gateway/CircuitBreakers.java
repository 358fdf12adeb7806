package com.fulfillment.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every route's circuit breaker, from {@code fulfillment.gateway.circuit-breaker.*}. */
@Configuration
class CircuitBreakers {

    /**
     * Longer than any call: a breaker's call lasts until the response is written to the client, for an order's
     * status stream as long as the client follows it (at most the query service's 30 minutes). Slow services
     * are caught by each route's time limit for the response headers instead, which fails the call.
     */
    private static final Duration NEVER_SLOW = Duration.ofDays(1);

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeBreakers(GatewaySettings settings) {
        CircuitBreakerConfig config = settings.circuitBreaker().toConfig()
                .slowCallDurationThreshold(NEVER_SLOW)
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(config)
                .build());
    }
}
