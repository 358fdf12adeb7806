package com.fulfillment.payment.provider.http;

import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import java.util.Optional;

/**
 * The payment provider's API, one plain call per method and no resilience of its own (that is
 * {@link HttpPaymentProvider}'s): a definite answer is a result, and anything that is no answer a
 * {@link ProviderUnavailableException}. {@link ProviderApiClient} speaks it over HTTP to a real provider or to
 * the simulator's service; an app that serves the simulator itself may answer it in its own process, with the
 * same answers, idempotency keys and faults.
 */
public interface ProviderApi {

    /**
     * Captures the order's amount under the payment id as idempotency key: approved, declined (again on every
     * repeat), or refused.
     *
     * @throws ProviderUnavailableException when the provider gave no answer
     */
    ChargeResult charge(ChargeRequest request);

    /**
     * Refunds the charge made under the payment id; a repeat answers with the earlier refund.
     *
     * @throws ProviderUnavailableException when the provider gave no answer
     */
    RefundResult refund(RefundRequest request);

    /**
     * The charge made under {@code paymentId}'s idempotency key, if the provider has one.
     *
     * @throws ProviderUnavailableException when the provider gave no answer
     */
    Optional<ProviderCharge> findCharge(PaymentId paymentId);

    /** Where the calls go, for operators: the provider's base URL, or that it answers in this process. */
    String location();

    /** How the provider's refusal of a request reads, whether the API was reached over HTTP or in the process. */
    static String refusal(String request, int status, String reason) {
        return "provider refused the " + request + " with " + status + ": " + reason;
    }

    /** How an answer that is no outcome (a 5xx, the provider down) reads, however the API was reached. */
    static String unavailability(int status, String reason) {
        return "provider answered " + status + ": " + reason;
    }
}
