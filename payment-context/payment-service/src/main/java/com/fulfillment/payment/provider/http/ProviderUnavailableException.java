package com.fulfillment.payment.provider.http;

/**
 * The provider gave no usable answer: a 5xx or 429, a connection or read error, a body that could not be
 * read. Whether the request took effect is unknown, so it is the one failure that is retried (under the
 * same idempotency key) and counted against the circuit breaker.
 */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message) {
        super(message);
    }

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
