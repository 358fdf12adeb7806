package com.fulfillment.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.PaymentProvider;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import com.fulfillment.payment.provider.http.HttpPaymentProvider;
import com.fulfillment.payment.provider.http.ProviderApi;
import com.fulfillment.payment.provider.http.ProviderApiClient;
import com.fulfillment.payment.provider.http.ProviderCharge;
import com.fulfillment.payment.provider.http.ProviderUnavailableException;
import com.fulfillment.paymentsimulator.FaultChanges;
import com.fulfillment.paymentsimulator.SimulatedProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.observation.ObservationRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The simulator this app serves, called in this process by default: the payment context's provider goes there
 * without an HTTP request, and the in-process calls answer exactly as the simulator's HTTP API does through
 * {@link ProviderApiClient}. Each case below is played against both, on the same simulator and its faults, with
 * keys of their own, and must come out the same; the expected answers are spelled out too, so both being wrong
 * the same way fails as well.
 */
@SpringBootTest(classes = FulfillmentApplication.class,
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "fulfillment.seed-catalogue=false")
class EmbeddedSimulatorApiTest {

    private static final Pattern STATUS = Pattern.compile("(?:answered|with) (\\d{3})");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    SimulatedProvider simulator;
    @Autowired
    PaymentProvider paymentProvider;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resetFaults() {
        simulator.resetFaults();
    }

    @Test
    void thePaymentContextsProviderCallsTheSimulatorInThisProcessWithoutAnHttpRequest() {
        assertThat(paymentProvider).isInstanceOf(HttpPaymentProvider.class);
        assertThat(((HttpPaymentProvider) paymentProvider).providerLocation()).isEqualTo(EmbeddedSimulatorApi.LOCATION);
        long requestsBefore = simulatorRequests();

        ChargeResult charged = paymentProvider.charge(chargeOf("wired", "20.00"));
        RefundResult refunded = paymentProvider.refund(refundOf("wired", "20.00"));

        assertThat(charged).isInstanceOf(ChargeResult.Approved.class);
        assertThat(refunded).isInstanceOf(RefundResult.Refunded.class);
        assertThat(simulator.findCharge(paymentId("wired").value())).hasValueSatisfying(
                charge -> assertThat(charge.chargeId()).isEqualTo(((ChargeResult.Approved) charged).providerReference()));
        assertThat(simulatorRequests()).isEqualTo(requestsBefore);
    }

    @Test
    void anApprovedChargeIsAnsweredFromTheLedgerWhenAskedAgainAndCanBeLookedUpAndRefundedOnce() {
        assertSameAnswers(api -> {
            List<String> answers = new ArrayList<>();
            ChargeResult first = api.charge(chargeOf(api + "-ok", "12.50"));
            ChargeResult again = api.charge(chargeOf(api + "-ok", "12.50"));
            answers.add(describe(first));
            answers.add(first.equals(again) ? "the same charge again" : "another charge: " + again);
            Optional<ProviderCharge> found = api.findCharge(paymentId(api + "-ok"));
            answers.add(found.map(charge -> charge.status() + " " + charge.amount() + " " + charge.currency()
                                            + (charge.chargeId().equals(reference(first)) ? " (that charge)" : ""))
                             .orElse("not found"));
            RefundResult refund = api.refund(refundOf(api + "-ok", "12.50"));
            RefundResult refundAgain = api.refund(refundOf(api + "-ok", "12.50"));
            answers.add(describe(refund));
            answers.add(refund.equals(refundAgain) ? "the same refund again" : "another refund: " + refundAgain);
            return answers;
        }, List.of("approved", "the same charge again", "CAPTURED 12.50 EUR (that charge)", "refunded",
                   "the same refund again"));
    }

    @Test
    void declinesAndRefusalsAreDefiniteAnswers() {
        simulator.change(changes(null, null, null, new BigDecimal("100.00"), null));
        assertSameAnswers(api -> List.of(
                describe(api.charge(chargeOf(api + "-big", "150.00"))),
                describe(api.charge(chargeOf(api + "-big", "150.00"))),
                // the key of a charge reused for another amount
                describe(api.charge(chargeOf(api + "-big", "10.00"))),
                // a refund of more than was captured, and of a charge that was declined or never made
                describe(api.charge(chargeOf(api + "-small", "10.00"))),
                describe(api.refund(refundOf(api + "-small", "11.00"))),
                describe(api.refund(refundOf(api + "-big", "150.00"))),
                describe(api.refund(refundOf(api + "-unknown", "1.00"))),
                api.findCharge(paymentId(api + "-unknown")).map(ProviderCharge::status).orElse("not found")),
                List.of("declined: amount 150.00 exceeds the card limit of 100.00",
                        "declined: amount 150.00 exceeds the card limit of 100.00",
                        "failed 409", "approved", "failed 422", "failed 404", "failed 404", "not found"));
    }

    @Test
    void injectedErrorsAndAnOutageAreNoAnswerAndStoreNothing() {
        simulator.change(changes(1.0, 502, null, null, null));
        assertSameAnswers(api -> List.of(
                outcomeOf(() -> api.charge(chargeOf(api + "-error", "5.00"))),
                outcomeOf(() -> api.refund(refundOf(api + "-error", "5.00"))),
                outcomeOf(() -> api.findCharge(paymentId(api + "-error")))),
                List.of("unavailable 502", "unavailable 502", "unavailable 502"));

        simulator.resetFaults();
        simulator.change(changes(null, null, true, null, null));
        assertSameAnswers(api -> List.of(
                outcomeOf(() -> api.charge(chargeOf(api + "-down", "5.00"))),
                outcomeOf(() -> api.findCharge(paymentId(api + "-down")))),
                List.of("unavailable 503", "unavailable 503"));

        simulator.resetFaults();
        for (String api : List.of("http", "in-process")) {
            assertThat(simulator.findCharge(paymentId(api + "-error").value())).isEmpty();
            assertThat(simulator.findCharge(paymentId(api + "-down").value())).isEmpty();
        }
    }

    @Test
    void aChargeWhoseAnswerIsHeldBackIsMadeAndTheCallerThatGivesUpGetsNoAnswer() throws InterruptedException {
        simulator.change(changes(null, null, null, null, 1.0));
        ProviderApi inProcess = new EmbeddedSimulatorApi(simulator, ObservationRegistry.NOOP);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                inProcess.charge(chargeOf("held-back", "7.00"));
            } catch (RuntimeException noAnswer) {
                failure.set(noAnswer);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        // The charge is in the ledger before its answer is held back: then the caller gives up, as the time limiter does.
        awaitCharge("held-back");
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(5));

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(ProviderUnavailableException.class);
        assertThat(stillInterrupted).isTrue();
        simulator.resetFaults();
        assertThat(describe(inProcess.charge(chargeOf("held-back", "7.00")))).isEqualTo("approved");
        assertThat(simulator.ledger().charges()).filteredOn(charge -> charge.orderId().equals("order-held-back"))
                                                .hasSize(1);
    }

    private void assertSameAnswers(Function<Api, List<String>> scenario, List<String> expected) {
        List<String> overHttp = scenario.apply(new Api("http", new ProviderApiClient(
                RestClient.create(), () -> "http://localhost:" + port + "/simulator")));
        List<String> inProcess = scenario.apply(new Api("in-process",
                                                        new EmbeddedSimulatorApi(simulator, ObservationRegistry.NOOP)));
        assertThat(inProcess).as("in-process answers").isEqualTo(overHttp);
        assertThat(overHttp).as("the HTTP API's answers").isEqualTo(expected);
    }

    /** A provider API under a name that keeps its keys apart from the other's. */
    private record Api(String name, ProviderApi api) {

        ChargeResult charge(ChargeRequest request) {
            return api.charge(request);
        }

        RefundResult refund(RefundRequest request) {
            return api.refund(request);
        }

        Optional<ProviderCharge> findCharge(PaymentId paymentId) {
            return api.findCharge(paymentId);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static ChargeRequest chargeOf(String key, String amount) {
        return new ChargeRequest(paymentId(key), OrderId.of("order-" + key), Money.of(amount, "EUR"));
    }

    private static RefundRequest refundOf(String key, String amount) {
        return new RefundRequest(paymentId(key), Money.of(amount, "EUR"));
    }

    private static PaymentId paymentId(String key) {
        return PaymentId.forOrder(OrderId.of("order-" + key));
    }

    private static String reference(ChargeResult result) {
        return result instanceof ChargeResult.Approved approved ? approved.providerReference() : null;
    }

    /** An answer without what differs between two ledgers' entries (ids) or two wordings of a status. */
    private static String describe(Object result) {
        if (result instanceof ChargeResult.Approved) {
            return "approved";
        }
        if (result instanceof ChargeResult.Declined declined) {
            return "declined: " + declined.reason();
        }
        if (result instanceof ChargeResult.Failed failed) {
            return "failed " + status(failed.reason());
        }
        if (result instanceof RefundResult.Refunded) {
            return "refunded";
        }
        if (result instanceof RefundResult.Failed failed) {
            return "failed " + status(failed.reason());
        }
        return String.valueOf(result);
    }

    private static String outcomeOf(Supplier<?> call) {
        try {
            return describe(call.get());
        } catch (ProviderUnavailableException noAnswer) {
            return "unavailable " + status(noAnswer.getMessage());
        }
    }

    private static String status(String message) {
        Matcher matcher = STATUS.matcher(message);
        return matcher.find() ? matcher.group(1) : "without a status: " + message;
    }

    private static FaultChanges changes(Double errorRate, Integer errorStatus, Boolean down, BigDecimal declineAbove,
                                        Double timeoutRate) {
        return new FaultChanges(null, errorRate, errorStatus, timeoutRate, timeoutRate == null ? null : 60_000L, down,
                                declineAbove, null, null);
    }

    private void awaitCharge(String key) {
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.findCharge(paymentId(key).value()).isPresent());
    }

    private long simulatorRequests() {
        return Search.in(meters).name("http.server.requests").timers().stream()
                     .filter(timer -> String.valueOf(timer.getId().getTag("uri")).startsWith("/simulator"))
                     .mapToLong(timer -> timer.count()).sum();
    }
}
