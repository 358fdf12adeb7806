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

    /** The refund was not made; asking again with the same key may succeed. */
    record Failed(String reason) implements RefundResult {
        public Failed {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("failure reason must not be blank");
            }
        }
    }
}
