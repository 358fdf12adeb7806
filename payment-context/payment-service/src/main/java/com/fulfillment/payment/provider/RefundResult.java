package com.fulfillment.payment.provider;

/** What the provider answered to a refund. */
public sealed interface RefundResult {

    /** The money was given back; the reference identifies the refund at the provider. */
    record Refunded(String providerReference) implements RefundResult {
        public Refunded {
            if (providerReference == null || providerReference.isBlank()) {
                throw new IllegalArgumentException("provider reference must not be blank");
            }
        }
    }

    /**
     * The provider refused the refund (a 4xx: no such charge, already refunded, more than was captured): asking
     * again gets the same answer until someone settles with the provider whatever stood in the way.
     */
    record Failed(String reason) implements RefundResult {
        public Failed {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("failure reason must not be blank");
            }
        }
    }

    /**
     * The provider gave no answer (unreachable, too slow, a server error, its circuit open): whether the money
     * went back is unknown until the same key is asked again. {@code circuitState} is what the client's
     * circuit breaker showed, or null for a provider without one.
     */
    record Unavailable(String reason, String circuitState) implements RefundResult {
        public Unavailable {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }
}
