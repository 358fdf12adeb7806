package com.fulfillment.payment.provider;

/** What the provider answered to a charge. */
public sealed interface ChargeResult {

    /** The money was taken; the reference identifies the charge at the provider. */
    record Approved(String providerReference) implements ChargeResult {
        public Approved {
            requireText(providerReference, "provider reference");
        }
    }

    /** The provider refused the charge (card declined, limit exceeded, fraud check). */
    record Declined(String reason) implements ChargeResult {
        public Declined {
            requireText(reason, "decline reason");
        }
    }

    /**
     * The provider refused the charge for a reason other than a decline (a request it cannot accept, such
     * as an idempotency key reused for another amount); no money was taken, and asking again will not help.
     */
    record Failed(String reason) implements ChargeResult {
        public Failed {
            requireText(reason, "failure reason");
        }
    }

    /**
     * The provider gave no answer: unreachable, too slow, a server error, or not even asked because its
     * circuit is open or too many calls are in flight. Whether money was taken is unknown, so the charge
     * must be asked again under the same idempotency key. {@code circuitState} is what the client's circuit
     * breaker showed, or null for a provider without one.
     */
    record Unavailable(String reason, String circuitState) implements ChargeResult {
        public Unavailable {
            requireText(reason, "reason");
        }

        public Unavailable(String reason) {
            this(reason, null);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
