package com.fulfillment.standalone;

import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import com.fulfillment.payment.provider.http.ProviderApi;
import com.fulfillment.payment.provider.http.ProviderApiClient;
import com.fulfillment.payment.provider.http.ProviderCharge;
import com.fulfillment.payment.provider.http.ProviderUnavailableException;
import com.fulfillment.paymentsimulator.PaymentSimulatorConfiguration;
import com.fulfillment.paymentsimulator.SimulatedProvider;
import com.fulfillment.paymentsimulator.SimulatedProvider.Admission;
import com.fulfillment.paymentsimulator.SimulatedProvider.Charge;
import com.fulfillment.paymentsimulator.SimulatedProvider.ChargeOutcome;
import com.fulfillment.paymentsimulator.SimulatedProvider.KeyConflictException;
import com.fulfillment.paymentsimulator.SimulatedProvider.RefundOutcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The provider API of the simulator this app serves, answered in this process: the payment context's calls reach
 * the simulator's ledger without a loopback HTTP request through Tomcat, the security filters and JSON each way,
 * which cost about a quarter of an order's CPU (BENCHMARKS.md, "The payment provider over loopback HTTP").
 *
 * <p>It answers as the simulator's HTTP API and {@link ProviderApiClient} together would, so nothing above it can
 * tell the difference: the same idempotency keys and ledger, the same faults in the same order (hard down, added
 * latency, error rate before the request is handled; an answer held back after a charge is made), a decline as a
 * decline, a refused request as a final failure with the status the API would have given, and no answer as a
 * {@link ProviderUnavailableException}. The caller's resilience4j guards stay around it: the time limiter still
 * gives up on a held-back answer and the retry finds the charge in the ledger.
 *
 * <p>Used only for the simulator served by this app; a provider named by {@code fulfillment.payment.http.base-url}
 * is always called over HTTP.
 */
class EmbeddedSimulatorApi implements ProviderApi {

    static final String LOCATION = "in this process: the simulator served under "
                                   + PaymentSimulatorConfiguration.PATH + ", called without HTTP";

    /** The observation of each call; its span is named {@code payment-provider <call>}, e.g. {@code ... charge}. */
    static final String OBSERVATION = "payment.provider.in-process";

    private final SimulatedProvider simulator;
    private final ObservationRegistry observations;

    EmbeddedSimulatorApi(SimulatedProvider simulator, ObservationRegistry observations) {
        this.simulator = Objects.requireNonNull(simulator, "simulator must not be null");
        this.observations = Objects.requireNonNull(observations, "observation registry must not be null");
    }

    /** Each call is observed, as the HTTP client's are, so that a trace still shows the provider call. */
    @Override
    public ChargeResult charge(ChargeRequest request) {
        return observed("charge", () -> chargeInProcess(request));
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        return observed("refund", () -> refundInProcess(request));
    }

    @Override
    public Optional<ProviderCharge> findCharge(PaymentId paymentId) {
        return observed("look-up", () -> findChargeInProcess(paymentId));
    }

    private <T> T observed(String call, Supplier<T> answer) {
        return Observation.createNotStarted(OBSERVATION, observations)
                          .contextualName("payment-provider " + call)
                          .lowCardinalityKeyValue("call", call)
                          .observe(answer);
    }

    private ChargeResult chargeInProcess(ChargeRequest request) {
        String key = request.paymentId().value();
        BigDecimal amount = request.amount().amount();
        simulator.countChargeRequest(key);
        admit();
        if (amount.signum() <= 0) {
            return new ChargeResult.Failed(ProviderApi.refusal("charge", 400,
                                                   "orderId, a positive amount and currency are required"));
        }
        ChargeOutcome outcome;
        try {
            outcome = simulator.charge(key, request.orderId().value(), amount, request.amount().currency());
        } catch (KeyConflictException conflict) {
            return new ChargeResult.Failed(ProviderApi.refusal("charge", 409, conflict.getMessage()));
        }
        holdBackAnswer();
        Charge charge = outcome.charge();
        if (SimulatedProvider.DECLINED.equals(charge.status())) {
            return new ChargeResult.Declined(charge.declineReason() == null ? "declined by the provider"
                                                                            : charge.declineReason());
        }
        return new ChargeResult.Approved(charge.chargeId());
    }

    private RefundResult refundInProcess(RefundRequest request) {
        admit();
        BigDecimal amount = request.amount().amount();
        if (amount.signum() <= 0) {
            return new RefundResult.Failed(
                    ProviderApi.refusal("refund", 400, "a positive amount and currency are required"));
        }
        RefundOutcome outcome = simulator.refund(request.paymentId().value(), amount, request.amount().currency());
        if (outcome instanceof RefundOutcome.Refused refusal) {
            return new RefundResult.Failed(ProviderApi.refusal("refund", refusal.status(), refusal.reason()));
        }
        return new RefundResult.Refunded(((RefundOutcome.Made) outcome).refund().refundId());
    }

    private Optional<ProviderCharge> findChargeInProcess(PaymentId paymentId) {
        admit();
        return simulator.findCharge(paymentId.value())
                        .map(charge -> new ProviderCharge(charge.chargeId(), charge.idempotencyKey(), charge.orderId(),
                                                          charge.amount(), charge.currency(), charge.status(),
                                                          charge.declineReason()));
    }

    @Override
    public String location() {
        return LOCATION;
    }

    /** The faults that come before the provider handles a request: what the HTTP API answers with a 5xx. */
    private void admit() {
        Admission admission;
        try {
            admission = simulator.admit();
        } catch (InterruptedException givenUp) {
            throw givenUp(givenUp);
        }
        switch (admission) {
            case PROCEED -> { }
            case DOWN -> throw new ProviderUnavailableException(
                    ProviderApi.unavailability(503, "the provider is down"));
            case ERROR -> throw new ProviderUnavailableException(
                    ProviderApi.unavailability(simulator.errorStatus(), "injected provider error"));
        }
    }

    private void holdBackAnswer() {
        try {
            simulator.holdBackAnswer();
        } catch (InterruptedException givenUp) {
            throw givenUp(givenUp);
        }
    }

    /**
     * The caller's time limiter gave up on this call and interrupted it: no answer, as when an HTTP client closes
     * its connection (the charge, if made, stays in the ledger for the retry to find).
     */
    private static ProviderUnavailableException givenUp(InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return new ProviderUnavailableException("the call was given up before the provider answered", interrupted);
    }
}
