package com.fulfillment.payment.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP connection to the payment provider ({@code fulfillment.payment.http.*}). Retries, the circuit
 * breaker, the bulkhead and the per-call time limit are resilience4j's, under {@code resilience4j.*}.
 *
 * @param baseUrl                  the provider API's root; empty for the simulator this app serves on its own port
 * @param connectTimeout           how long to wait for a TCP connection
 * @param readTimeout              how long a connection may stay silent while an answer is awaited
 * @param maxConnections           bound of the connection pool, which is all to one host
 * @param connectionRequestTimeout how long a call waits for a free pooled connection
 */
@ConfigurationProperties("fulfillment.payment.http")
public record PaymentProviderProperties(
        @DefaultValue("") String baseUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout,
        @DefaultValue("20") int maxConnections,
        @DefaultValue("500ms") Duration connectionRequestTimeout) {

    public PaymentProviderProperties {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("fulfillment.payment.http.max-connections must be at least 1");
        }
    }
}
