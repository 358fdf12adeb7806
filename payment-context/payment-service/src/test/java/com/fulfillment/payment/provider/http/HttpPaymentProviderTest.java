package com.fulfillment.payment.provider.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.config.PaymentProviderConfiguration;
import com.fulfillment.payment.provider.ChargeRequest;
import com.fulfillment.payment.provider.ChargeResult;
import com.fulfillment.payment.provider.RefundRequest;
import com.fulfillment.payment.provider.RefundResult;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP provider client against a WireMock provider, wired by Spring from the resilience4j settings in
 * application-provider-client-test.yml (the standalone app's, with shorter waits): what is retried, what
 * is not, and how the circuit breaker (counting calls, each with its retries) and the bulkhead (counting
 * tries in flight) protect the caller.
 */
@SpringBootTest(classes = HttpPaymentProviderTest.ProviderClientOnly.class,
                webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("provider-client-test")
class HttpPaymentProviderTest {

    private static final OrderId ORDER_ID = OrderId.of("order-1");
    private static final PaymentId PAYMENT_ID = PaymentId.forOrder(ORDER_ID);
    private static final Money AMOUNT = Money.of("59.90", "EUR");
    private static final String CHARGES = "/charges";
    private static final String CAPTURED = """
            {"chargeId": "ch_1", "idempotencyKey": "payment-order-1", "orderId": "order-1",
             "amount": 59.90, "currency": "EUR", "status": "CAPTURED"}""";

    private static final WireMockServer provider = new WireMockServer(options().dynamicPort());

    static {
        provider.start();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PaymentProviderConfiguration.class)
    static class ProviderClientOnly {

        /**
         * What an app that serves the simulator itself supplies. With a provider's URL configured it must never be
         * called: every test here would then see no WireMock request.
         */
        @Bean
        ProviderApi servedInThisProcess() {
            return new ProviderApi() {
                @Override
                public ChargeResult charge(ChargeRequest request) {
                    throw new AssertionError("the configured provider must be called over HTTP");
                }

                @Override
                public RefundResult refund(RefundRequest request) {
                    throw new AssertionError("the configured provider must be called over HTTP");
                }

                @Override
                public Optional<ProviderCharge> findCharge(PaymentId paymentId) {
                    throw new AssertionError("the configured provider must be called over HTTP");
                }

                @Override
                public String location() {
                    return "in this process";
                }
            };
        }
    }

    @DynamicPropertySource
    static void providerUrl(DynamicPropertyRegistry registry) {
        registry.add("fulfillment.payment.http.base-url", provider::baseUrl);
    }

    @Autowired
    HttpPaymentProvider client;
    @Autowired
    CircuitBreakerRegistry circuitBreakers;
    @Autowired
    BulkheadRegistry bulkheads;
    @Autowired
    RetryRegistry retries;

    private final List<StateTransition> transitions = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(11);

    /** Whether this JVM's client has made a call yet. */
    private static boolean warm;

    @BeforeEach
    void resetProviderAndCircuit() {
        if (!warm) {
            // The first call loads the HTTP client's and its observation's classes; on a busy machine that alone
            // can outlast the 1 s time limit, and the first test would see a time-out it did not arrange.
            warm = true;
            PaymentId warmUp = PaymentId.forOrder(OrderId.of("warm-up"));
            provider.stubFor(get("/charges/" + warmUp.value()).willReturn(okJson(CAPTURED)));
            client.lookUpCharge(warmUp);
        }
        provider.resetAll();
        circuitBreaker().reset();
        circuitBreaker().getEventPublisher().onStateTransition(event -> transitions.add(event.getStateTransition()));
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @Test
    void aConfiguredProviderIsCalledAtItsUrlEvenWhenTheAppServesASimulatorItself() {
        assertThat(client.providerLocation()).isEqualTo(provider.baseUrl());
    }

    // --- what a charge looks like

    @Test
    void approvedChargeCarriesThePaymentIdAsIdempotencyKeyAndTheOrdersAmount() {
        provider.stubFor(post(CHARGES).willReturn(json(201, CAPTURED)));

        ChargeResult result = client.charge(charge());

        assertThat(result).isEqualTo(new ChargeResult.Approved("ch_1"));
        provider.verify(1, postRequestedFor(urlEqualTo(CHARGES))
                .withHeader("Idempotency-Key", equalTo("payment-order-1"))
                .withRequestBody(equalToJson("""
                        {"orderId": "order-1", "amount": 59.90, "currency": "EUR"}""")));
    }

    // --- retried: no answer

    @Test
    void chargeWhoseAnswerTimesOutIsRetriedUnderTheSameKeyAndChargedOnce() {
        // The provider takes the money but answers after the time limit; the retry is answered from its ledger.
        provider.stubFor(post(CHARGES).inScenario("slow").whenScenarioStateIs(STARTED)
                                      .willReturn(json(201, CAPTURED).withFixedDelay(1_500))
                                      .willSetStateTo("charged"));
        provider.stubFor(post(CHARGES).inScenario("slow").whenScenarioStateIs("charged")
                                      .willReturn(json(200, CAPTURED)));

        ChargeResult result = client.charge(charge());

        assertThat(result).isEqualTo(new ChargeResult.Approved("ch_1"));
        assertThat(chargeRequests()).isEqualTo(2);
        provider.verify(2, chargesUnderTheKey());
    }

    @Test
    void twoServerErrorsThenSuccessMakeOneChargeAfterTwoRetries() {
        long retriedBefore = retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt();
        answerInTurn(json(500, "{\"error\": \"boom\"}"), json(500, "{\"error\": \"boom\"}"), json(201, CAPTURED));

        ChargeResult result = client.charge(charge());

        assertThat(result).isEqualTo(new ChargeResult.Approved("ch_1"));
        provider.verify(3, chargesUnderTheKey());
        assertThat(retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(retriedBefore + 1);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeWithJitter() {
        IntervalBiFunction<Object> interval = retry().getRetryConfig().getIntervalBiFunction();
        Either<Throwable, Object> noAnswer = Either.left(new ProviderUnavailableException("no answer"));

        List<Long> firstWaits = IntStream.range(0, 50).mapToObj(i -> interval.apply(1, noAnswer)).toList();
        List<Long> secondWaits = IntStream.range(0, 50).mapToObj(i -> interval.apply(2, noAnswer)).toList();

        assertThat(firstWaits).allSatisfy(wait -> assertThat(wait).isBetween(100L, 300L));
        assertThat(secondWaits).allSatisfy(wait -> assertThat(wait).isBetween(200L, 600L));
        assertThat(firstWaits.stream().distinct().count()).as("randomized").isGreaterThan(1);
    }

    @Test
    void chargeStillWithoutAnswerAfterTheRetriesIsUnavailableSoThePaymentRetriesLater() {
        provider.stubFor(post(CHARGES).willReturn(json(503, "{\"error\": \"the provider is down\"}")));

        ChargeResult result = client.charge(charge());

        assertThat(result).isEqualTo(new ChargeResult.Unavailable(
                "provider answered 503: {\"error\": \"the provider is down\"}", "CLOSED"));
        provider.verify(3, chargesUnderTheKey());
    }

    // --- not retried: a definite answer

    @Test
    void declineIsAnsweredAtOnceAndNeitherRetriedNorHeldAgainstTheCircuit() {
        provider.stubFor(post(CHARGES).willReturn(json(402, """
                {"chargeId": "ch_1", "status": "DECLINED", "declineReason": "insufficient funds"}""")));

        ChargeResult result = client.charge(charge());

        assertThat(result).isEqualTo(new ChargeResult.Declined("insufficient funds"));
        assertThat(chargeRequests()).isEqualTo(1);
        assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void otherRefusalIsAFinalFailureAndNotRetried() {
        provider.stubFor(post(CHARGES).willReturn(json(409, "{\"error\": \"key used for another amount\"}")));

        ChargeResult result = client.charge(charge());

        assertThat(result).isEqualTo(new ChargeResult.Failed(
                "provider refused the charge with 409: {\"error\": \"key used for another amount\"}"));
        assertThat(chargeRequests()).isEqualTo(1);
    }

    // --- the circuit breaker

    @Test
    void circuitOpensAfterTheConfiguredFailedCallsRejectsWithoutCallingHalfOpensAfterTheWaitAndClosesAfterTwoTrials()
            throws InterruptedException {
        provider.stubFor(post(CHARGES).willReturn(json(500, "{\"error\": \"boom\"}")));

        for (int call = 1; call <= 4; call++) {
            assertThat(client.charge(charge("order-" + call))).isInstanceOf(ChargeResult.Unavailable.class);
        }
        assertThat(circuitBreaker().getState()).as("4 failed calls (of 3 tries each), fewer than the minimum of 5")
                                              .isEqualTo(CircuitBreaker.State.CLOSED);

        ChargeResult fifth = client.charge(charge("order-5"));
        assertThat(fifth).as("the 5th failed call opens the circuit")
                         .isEqualTo(new ChargeResult.Unavailable("provider answered 500: {\"error\": \"boom\"}", "OPEN"));
        assertThat(chargeRequests()).isEqualTo(15);

        ChargeResult rejected = client.charge(charge("order-6"));
        assertThat(rejected).isEqualTo(new ChargeResult.Unavailable(
                "circuit open: the provider is not called until it recovers", "OPEN"));
        assertThat(chargeRequests()).as("rejected without calling").isEqualTo(15);

        Thread.sleep(1_100); // the configured 1 s in the open state
        provider.resetAll();
        provider.stubFor(post(CHARGES).willReturn(json(201, CAPTURED)));

        assertThat(client.charge(charge("order-7"))).isInstanceOf(ChargeResult.Approved.class);
        assertThat(circuitBreaker().getState()).as("one of two trial calls made")
                                              .isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(client.charge(charge("order-8"))).isInstanceOf(ChargeResult.Approved.class);
        assertThat(circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(transitions).containsExactly(StateTransition.CLOSED_TO_OPEN,
                                                StateTransition.OPEN_TO_HALF_OPEN,
                                                StateTransition.HALF_OPEN_TO_CLOSED);
    }

    @Test
    void callThatSucceedsOnItsRetryCountsAsASuccessForTheCircuit() {
        answerInTurn(json(500, "{\"error\": \"boom\"}"), json(201, CAPTURED));

        assertThat(client.charge(charge())).isInstanceOf(ChargeResult.Approved.class);

        assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    // --- the bulkhead

    @Test
    void bulkheadRejectsTheEleventhConcurrentCallWithoutCallingTheProvider() throws Exception {
        provider.stubFor(post(CHARGES).willReturn(json(201, CAPTURED).withFixedDelay(700)));
        Bulkhead bulkhead = bulkheads.bulkhead(HttpPaymentProvider.RESILIENCE_NAME);

        List<Future<ChargeResult>> inFlight = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> callers.submit(() -> client.charge(charge("order-b" + i))))
                .toList();
        await().atMost(Duration.ofSeconds(5))
               .until(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() == 0);
        ChargeResult eleventh = client.charge(charge("order-b11"));

        assertThat(eleventh).isEqualTo(new ChargeResult.Unavailable("too many provider calls in flight", "CLOSED"));
        for (Future<ChargeResult> call : inFlight) {
            assertThat(call.get()).isInstanceOf(ChargeResult.Approved.class);
        }
        assertThat(chargeRequests()).isEqualTo(10);
        assertThat(circuitBreaker().getMetrics().getNumberOfFailedCalls()).as("a full bulkhead says nothing of the provider")
                                                                           .isZero();
    }

    // --- look-up and refunds

    @Test
    void chargeIsLookedUpByItsIdempotencyKey() {
        provider.stubFor(get("/charges/payment-order-1").willReturn(okJson(CAPTURED)));
        provider.stubFor(get("/charges/payment-order-2").willReturn(json(404, "{\"error\": \"no charge\"}")));

        assertThat(client.lookUpCharge(PAYMENT_ID)).hasValueSatisfying(charge -> {
            assertThat(charge.chargeId()).isEqualTo("ch_1");
            assertThat(charge.status()).isEqualTo("CAPTURED");
            assertThat(charge.amount()).isEqualByComparingTo("59.90");
        });
        assertThat(client.lookUpCharge(PaymentId.forOrder(OrderId.of("order-2")))).isEmpty();
    }

    @Test
    void refundIsMadeUnderThePaymentsKey() {
        provider.stubFor(post("/charges/payment-order-1/refunds").willReturn(json(201, """
                {"refundId": "re_7", "chargeId": "ch_1", "amount": 59.90, "currency": "EUR"}""")));

        RefundResult result = client.refund(new RefundRequest(PAYMENT_ID, AMOUNT));

        assertThat(result).isEqualTo(new RefundResult.Refunded("re_7"));
        provider.verify(1, postRequestedFor(urlEqualTo("/charges/payment-order-1/refunds"))
                .withHeader("Idempotency-Key", equalTo("payment-order-1"))
                .withRequestBody(equalToJson("{\"amount\": 59.90, \"currency\": \"EUR\"}")));
    }

    @Test
    void refundOfAChargeTheProviderDoesNotHaveFailsWithoutRetrying() {
        provider.stubFor(post("/charges/payment-order-1/refunds")
                                 .willReturn(json(404, "{\"error\": \"no captured charge\"}")));

        RefundResult result = client.refund(new RefundRequest(PAYMENT_ID, AMOUNT));

        assertThat(result).isEqualTo(new RefundResult.Failed(
                "provider refused the refund with 404: {\"error\": \"no captured charge\"}"));
        provider.verify(1, postRequestedFor(urlEqualTo("/charges/payment-order-1/refunds")));
    }

    @Test
    void refundWithoutAnAnswerAfterTheRetriesIsUnavailableSoItIsAskedAgainLater() {
        provider.stubFor(post("/charges/payment-order-1/refunds").willReturn(json(502, "{\"error\": \"gateway\"}")));

        RefundResult result = client.refund(new RefundRequest(PAYMENT_ID, AMOUNT));

        assertThat(result).isEqualTo(new RefundResult.Unavailable("provider answered 502: {\"error\": \"gateway\"}",
                                                                  "CLOSED"));
        provider.verify(3, postRequestedFor(urlEqualTo("/charges/payment-order-1/refunds")));
    }

    private void answerInTurn(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "answer-" + (i + 1);
            provider.stubFor(post(CHARGES).inScenario("in turn").whenScenarioStateIs(state)
                                          .willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ChargeRequest charge() {
        return new ChargeRequest(PAYMENT_ID, ORDER_ID, AMOUNT);
    }

    private static ChargeRequest charge(String orderId) {
        OrderId order = OrderId.of(orderId);
        return new ChargeRequest(PaymentId.forOrder(order), order, AMOUNT);
    }

    private static RequestPatternBuilder chargesUnderTheKey() {
        return postRequestedFor(urlEqualTo(CHARGES)).withHeader("Idempotency-Key", equalTo(PAYMENT_ID.value()));
    }

    private static int chargeRequests() {
        return provider.countRequestsMatching(postRequestedFor(urlEqualTo(CHARGES)).build()).getCount();
    }

    private CircuitBreaker circuitBreaker() {
        return circuitBreakers.circuitBreaker(HttpPaymentProvider.RESILIENCE_NAME);
    }

    private Retry retry() {
        return retries.retry(HttpPaymentProvider.RESILIENCE_NAME);
    }
}
