package com.fulfillment.payment.command;

import java.time.Duration;
import java.util.Objects;

/**
 * When a payment tries its charge again after an attempt that got no answer from the provider: the first
 * retry after {@code firstDelay}, each next one after twice the previous wait up to {@code maxDelay}, and
 * none after {@code maxAttempts} attempts. The order's own payment deadline normally gives up long before
 * the last attempt; the limit only stops a payment whose order was closed from retrying forever.
 */
public record PaymentRetryPolicy(Duration firstDelay, Duration maxDelay, int maxAttempts) {

    public PaymentRetryPolicy {
        Objects.requireNonNull(firstDelay, "first delay must not be null");
        Objects.requireNonNull(maxDelay, "max delay must not be null");
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("first delay must be positive, was " + firstDelay);
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("max delay " + maxDelay + " is shorter than the first delay " + firstDelay);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
    }

    /** One second, doubling up to ten seconds, ten attempts: about a minute of retries in all. */
    public static PaymentRetryPolicy defaults() {
        return new PaymentRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 10);
    }

    /** Whether another attempt may follow attempt number {@code failedAttempt}. */
    public boolean allowsAnotherAttemptAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }

    /** How long to wait after attempt number {@code failedAttempt} (1 for the first) got no answer. */
    public Duration delayAfter(int failedAttempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < failedAttempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
