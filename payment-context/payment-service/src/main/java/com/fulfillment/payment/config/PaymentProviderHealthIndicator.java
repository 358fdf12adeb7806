package com.fulfillment.payment.config;

import com.fulfillment.payment.provider.http.HttpPaymentProvider;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health} component {@code paymentProvider}: every resilience4j guard around the provider
 * at a glance, and where its calls go. It stays UP while the circuit is open, since orders are still taken and
 * their payments wait; resilience4j's own {@code circuitBreakers} component reports the open circuit.
 */
class PaymentProviderHealthIndicator implements HealthIndicator {

    private final HttpPaymentProvider provider;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;

    PaymentProviderHealthIndicator(HttpPaymentProvider provider, Retry retry, CircuitBreaker circuitBreaker,
                                   Bulkhead bulkhead, TimeLimiter timeLimiter) {
        this.provider = provider;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.timeLimiter = timeLimiter;
    }

    @Override
    public Health health() {
        CircuitBreaker.Metrics circuit = circuitBreaker.getMetrics();
        Map<String, Object> circuitDetails = new LinkedHashMap<>();
        circuitDetails.put("state", circuitBreaker.getState().name());
        circuitDetails.put("failureRate", circuit.getFailureRate());
        circuitDetails.put("bufferedCalls", circuit.getNumberOfBufferedCalls());
        circuitDetails.put("failedCalls", circuit.getNumberOfFailedCalls());
        circuitDetails.put("notPermittedCalls", circuit.getNumberOfNotPermittedCalls());

        Retry.Metrics retries = retry.getMetrics();
        Map<String, Object> retryDetails = new LinkedHashMap<>();
        retryDetails.put("maxAttempts", retry.getRetryConfig().getMaxAttempts());
        retryDetails.put("successfulWithoutRetry", retries.getNumberOfSuccessfulCallsWithoutRetryAttempt());
        retryDetails.put("successfulWithRetry", retries.getNumberOfSuccessfulCallsWithRetryAttempt());
        retryDetails.put("failedWithRetry", retries.getNumberOfFailedCallsWithRetryAttempt());
        retryDetails.put("failedWithoutRetry", retries.getNumberOfFailedCallsWithoutRetryAttempt());

        Map<String, Object> bulkheadDetails = new LinkedHashMap<>();
        bulkheadDetails.put("maxConcurrentCalls", bulkhead.getMetrics().getMaxAllowedConcurrentCalls());
        bulkheadDetails.put("availableConcurrentCalls", bulkhead.getMetrics().getAvailableConcurrentCalls());

        return Health.up()
                     .withDetail("location", provider.providerLocation())
                     .withDetail("circuitBreaker", circuitDetails)
                     .withDetail("retry", retryDetails)
                     .withDetail("bulkhead", bulkheadDetails)
                     .withDetail("timeLimiter", Map.of("timeout",
                                                       timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toString()))
                     .build();
    }
}
