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

    /** The charge could not be made (provider error or unreachable); no money was taken. */
    record Failed(String reason) implements ChargeResult {
        public Failed {
            requireText(reason, "failure reason");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
