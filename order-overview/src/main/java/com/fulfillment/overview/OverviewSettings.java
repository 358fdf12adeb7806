package com.fulfillment.overview;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;

/**
 * {@code fulfillment.overview.*}: how long each part of an order's overview may take, and when a part's circuit
 * breaker opens. A setting left out takes its default.
 *
 * @param timeouts       per part, how long its call may take
 * @param circuitBreaker when a part's breaker opens, and for how long
 */
public record OverviewSettings(Timeouts timeouts, CircuitBreakerSettings circuitBreaker) {

    public OverviewSettings {
        timeouts = timeouts == null ? new Timeouts(null, null, null) : timeouts;
        circuitBreaker = circuitBreaker == null ? new CircuitBreakerSettings(null, null, null, null) : circuitBreaker;
    }

    public static OverviewSettings defaults() {
        return new OverviewSettings(null, null);
    }

    Duration timeout(OverviewPart part) {
        return switch (part) {
            case ORDER -> timeouts.order();
            case PAYMENT -> timeouts.payment();
            case AVAILABILITY -> timeouts.availability();
        };
    }

    /**
     * @param order        the order view (default 2 s); without it the overview is a 503
     * @param payment      the payment's attempts (default 1 s)
     * @param availability all the ordered products' catalogue entries, asked in parallel once the order view
     *                     named them (default 1 s)
     */
    public record Timeouts(Duration order, Duration payment, Duration availability) {

        public Timeouts {
            order = positive("order", order, Duration.ofSeconds(2));
            payment = positive("payment", payment, Duration.ofSeconds(1));
            availability = positive("availability", availability, Duration.ofSeconds(1));
        }

        private static Duration positive(String part, Duration timeout, Duration otherwise) {
            if (timeout == null) {
                return otherwise;
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("fulfillment.overview.timeouts." + part
                                                   + " must be a positive duration, was " + timeout);
            }
            return timeout;
        }
    }

    /**
     * @param failureRateThreshold percentage of failed calls (errors, time-outs) that opens a part's breaker (50)
     * @param slidingWindowSize    how many of a part's latest calls that percentage is taken over (20)
     * @param minimumNumberOfCalls how many calls a part needs before its breaker may open (10)
     * @param waitInOpenState      how long an open breaker refuses calls before it lets a few through (10 s);
     *                             also the {@code Retry-After} of a 503 overview
     */
    public record CircuitBreakerSettings(Float failureRateThreshold, Integer slidingWindowSize,
                                         Integer minimumNumberOfCalls, Duration waitInOpenState) {

        public CircuitBreakerSettings {
            failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
            slidingWindowSize = slidingWindowSize == null ? 20 : slidingWindowSize;
            minimumNumberOfCalls = minimumNumberOfCalls == null ? 10 : minimumNumberOfCalls;
            waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(10) : waitInOpenState;
        }

        /** A breaker configuration with these settings, closing again on its own after {@code waitInOpenState}. */
        public CircuitBreakerConfig.Builder toConfig() {
            return CircuitBreakerConfig.custom()
                    .failureRateThreshold(failureRateThreshold)
                    .slidingWindowSize(slidingWindowSize)
                    .minimumNumberOfCalls(minimumNumberOfCalls)
                    .waitDurationInOpenState(waitInOpenState)
                    .automaticTransitionFromOpenToHalfOpenEnabled(true);
        }
    }
}
