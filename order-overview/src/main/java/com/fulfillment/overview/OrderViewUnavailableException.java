package com.fulfillment.overview;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The order view, without which there is no overview, failed, did not answer in time or its circuit breaker is
 * open: the overview is a 503, to be asked again after {@link #retryAfter()}.
 */
public class OrderViewUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public OrderViewUnavailableException(String orderId, Duration retryAfter, Throwable cause) {
        super("The order view of order '" + orderId + "' cannot be had now (" + describe(cause) + "); try again later",
              cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof CallNotPermittedException) {
            return "it failed repeatedly and is given time to recover";
        }
        return "it failed";
    }
}
