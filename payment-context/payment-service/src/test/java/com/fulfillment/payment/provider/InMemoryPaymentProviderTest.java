package com.fulfillment.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fulfillment.kernel.Money;
import com.fulfillment.kernel.OrderId;
import com.fulfillment.payment.api.PaymentId;
import com.fulfillment.payment.provider.InMemoryPaymentProvider.Behaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryPaymentProviderTest {

    private static final OrderId ORDER = OrderId.of("order-1");
    private static final OrderId OTHER_ORDER = OrderId.of("order-2");
    private static final Money AMOUNT = Money.of("59.90", "EUR");

    private final InMemoryPaymentProvider provider = new InMemoryPaymentProvider();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        provider.resumeCharges();
        threads.shutdownNow();
    }

    @Test
    void chargeIsApprovedByDefaultAndTakesTheMoney() {
        ChargeResult result = provider.charge(chargeFor(ORDER, AMOUNT));

        assertThat(result).isEqualTo(new ChargeResult.Approved("charge-1"));
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
        assertThat(provider.chargeCount(paymentOf(ORDER))).isEqualTo(1);
    }

    @Test
    void declinedChargeTakesNoMoney() {
        provider.behaveByDefault(Behaviour.DECLINE);

        ChargeResult result = provider.charge(chargeFor(ORDER, AMOUNT));

        assertThat(result).isEqualTo(new ChargeResult.Declined("declined by the in-memory provider"));
        assertThat(provider.capturedTotal()).isEqualTo(Money.zero("EUR"));
        assertThat(provider.chargeCount(paymentOf(ORDER))).isZero();
    }

    @Test
    void failedChargeTakesNoMoney() {
        InMemoryPaymentProvider failing = new InMemoryPaymentProvider(Behaviour.FAIL);

        ChargeResult result = failing.charge(chargeFor(ORDER, AMOUNT));

        assertThat(result).isEqualTo(new ChargeResult.Failed("the in-memory provider is unavailable"));
        assertThat(failing.capturedTotal()).isEqualTo(Money.zero("EUR"));
    }

    @Test
    void chargeAboveTheLimitIsDeclined() {
        provider.declineAbove(Money.of("50.00", "EUR"));

        assertThat(provider.charge(chargeFor(ORDER, AMOUNT)))
                .isEqualTo(new ChargeResult.Declined("amount 59.90 EUR exceeds the limit of 50.00 EUR"));
        assertThat(provider.charge(chargeFor(OTHER_ORDER, Money.of("50.00", "EUR"))))
                .isInstanceOf(ChargeResult.Approved.class);
    }

    @Test
    void answerForAnOrderWinsOverTheLimitAndTheDefault() {
        provider.declineAbove(Money.of("10.00", "EUR"))
                .behaveByDefault(Behaviour.FAIL)
                .behaveFor(ORDER, Behaviour.APPROVE);

        assertThat(provider.charge(chargeFor(ORDER, AMOUNT))).isInstanceOf(ChargeResult.Approved.class);
        assertThat(provider.charge(chargeFor(OTHER_ORDER, Money.of("5.00", "EUR"))))
                .isInstanceOf(ChargeResult.Failed.class);
    }

    @Test
    void resetRulesRestoresTheBehaviourItWasCreatedWithAndKeepsTheLedger() {
        provider.charge(chargeFor(ORDER, AMOUNT));
        provider.behaveByDefault(Behaviour.DECLINE).declineAbove(Money.of("1.00", "EUR")).failRefunds(true);

        provider.resetRules();

        assertThat(provider.charge(chargeFor(OTHER_ORDER, AMOUNT))).isInstanceOf(ChargeResult.Approved.class);
        assertThat(provider.refund(refundOf(ORDER, AMOUNT))).isInstanceOf(RefundResult.Refunded.class);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT.times(2));
    }

    @Test
    void repeatedChargeReturnsTheFirstAnswerAndNeverChargesTwice() {
        ChargeResult first = provider.charge(chargeFor(ORDER, AMOUNT));

        ChargeResult repeated = provider.charge(chargeFor(ORDER, AMOUNT));

        assertThat(repeated).isEqualTo(first);
        assertThat(provider.chargeCount(paymentOf(ORDER))).isEqualTo(1);
        assertThat(provider.chargeAttempts(paymentOf(ORDER))).isEqualTo(2);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void repeatedChargeAfterADeclineIsDeclinedAgainEvenWhenTheRulesChanged() {
        provider.behaveByDefault(Behaviour.DECLINE);
        ChargeResult first = provider.charge(chargeFor(ORDER, AMOUNT));
        provider.behaveByDefault(Behaviour.APPROVE);

        assertThat(provider.charge(chargeFor(ORDER, AMOUNT))).isEqualTo(first);
        assertThat(provider.capturedTotal()).isEqualTo(Money.zero("EUR"));
    }

    @Test
    void failedChargeIsNotRememberedSoARetryMayTakeTheMoney() {
        provider.behaveByDefault(Behaviour.FAIL);
        provider.charge(chargeFor(ORDER, AMOUNT));
        provider.behaveByDefault(Behaviour.APPROVE);

        assertThat(provider.charge(chargeFor(ORDER, AMOUNT))).isInstanceOf(ChargeResult.Approved.class);
        assertThat(provider.chargeCount(paymentOf(ORDER))).isEqualTo(1);
    }

    @Test
    void chargeThatGotNoAnswerIsNotRememberedSoARetryMayTakeTheMoney() {
        provider.behaveByDefault(Behaviour.UNAVAILABLE);
        assertThat(provider.charge(chargeFor(ORDER, AMOUNT))).isInstanceOf(ChargeResult.Unavailable.class);
        provider.behaveByDefault(Behaviour.APPROVE);

        assertThat(provider.charge(chargeFor(ORDER, AMOUNT))).isInstanceOf(ChargeResult.Approved.class);
        assertThat(provider.chargeCount(paymentOf(ORDER))).isEqualTo(1);
        assertThat(provider.chargeAttempts(paymentOf(ORDER))).isEqualTo(2);
    }

    @Test
    void concurrentChargesUnderOneKeyTakeTheMoneyOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ChargeResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(threads.submit(() -> {
                start.await();
                return provider.charge(chargeFor(ORDER, AMOUNT));
            }));
        }
        start.countDown();

        for (Future<ChargeResult> result : results) {
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new ChargeResult.Approved("charge-1"));
        }
        assertThat(provider.chargeCount(paymentOf(ORDER))).isEqualTo(1);
        assertThat(provider.chargeAttempts(paymentOf(ORDER))).isEqualTo(8);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void pausedChargeIsAnsweredOnlyAfterChargesResume() throws Exception {
        provider.pauseCharges();
        CompletableFuture<ChargeResult> charge =
                CompletableFuture.supplyAsync(() -> provider.charge(chargeFor(ORDER, AMOUNT)), threads);
        await().atMost(Duration.ofSeconds(5)).until(() -> provider.pausedCharges() == 1);
        assertThat(charge).isNotDone();
        assertThat(provider.capturedTotal()).isEqualTo(Money.zero("EUR"));

        provider.resumeCharges();

        assertThat(charge.get(5, TimeUnit.SECONDS)).isInstanceOf(ChargeResult.Approved.class);
        assertThat(provider.pausedCharges()).isZero();
    }

    @Test
    void capturedPaymentIsRefundedOnceUnderItsKey() {
        provider.charge(chargeFor(ORDER, AMOUNT));

        RefundResult first = provider.refund(refundOf(ORDER, AMOUNT));
        RefundResult repeated = provider.refund(refundOf(ORDER, AMOUNT));

        assertThat(first).isEqualTo(new RefundResult.Refunded("refund-2"));
        assertThat(repeated).isEqualTo(first);
        assertThat(provider.refundCount(paymentOf(ORDER))).isEqualTo(1);
        assertThat(provider.refundAttempts(paymentOf(ORDER))).isEqualTo(2);
        assertThat(provider.refundedTotal()).isEqualTo(AMOUNT);
        assertThat(provider.capturedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void refundWithoutACapturedChargeFails() {
        provider.behaveByDefault(Behaviour.DECLINE);
        provider.charge(chargeFor(ORDER, AMOUNT));

        assertThat(provider.refund(refundOf(ORDER, AMOUNT)))
                .isEqualTo(new RefundResult.Failed("no captured charge under payment-order-1"));
        assertThat(provider.refund(refundOf(OTHER_ORDER, AMOUNT)))
                .isEqualTo(new RefundResult.Failed("no captured charge under payment-order-2"));
        assertThat(provider.refundedTotal()).isEqualTo(Money.zero("EUR"));
    }

    @Test
    void refundOfMoreThanWasCapturedFails() {
        provider.charge(chargeFor(ORDER, AMOUNT));

        assertThat(provider.refund(refundOf(ORDER, Money.of("60.00", "EUR"))))
                .isEqualTo(new RefundResult.Failed("a refund of 60.00 EUR exceeds the captured 59.90 EUR"));
        assertThat(provider.refundCount(paymentOf(ORDER))).isZero();
    }

    @Test
    void refusedRefundIsNotRememberedSoAskingAgainSucceedsOnceTheRefusalIsLifted() {
        provider.charge(chargeFor(ORDER, AMOUNT));
        provider.failRefunds(true);

        assertThat(provider.refund(refundOf(ORDER, AMOUNT)))
                .isEqualTo(new RefundResult.Failed("the in-memory provider is refusing refunds"));
        provider.failRefunds(false);

        assertThat(provider.refund(refundOf(ORDER, AMOUNT))).isInstanceOf(RefundResult.Refunded.class);
        assertThat(provider.refundedTotal()).isEqualTo(AMOUNT);
    }

    @Test
    void totalsAddUpEveryCapturedCharge() {
        provider.charge(chargeFor(ORDER, AMOUNT));
        provider.charge(chargeFor(OTHER_ORDER, Money.of("0.10", "EUR")));

        assertThat(provider.capturedTotal()).isEqualTo(Money.of("60.00", "EUR"));
    }

    @Test
    void totalsOfSeveralCurrenciesAreAskedForOneCurrencyAtATime() {
        provider.charge(chargeFor(ORDER, AMOUNT));
        provider.charge(chargeFor(OTHER_ORDER, Money.of("10.00", "USD")));

        assertThat(provider.capturedTotal("USD")).isEqualTo(Money.of("10.00", "USD"));
        assertThat(provider.capturedTotal("EUR")).isEqualTo(AMOUNT);
        assertThatThrownBy(provider::capturedTotal)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("several currencies");
    }

    private static ChargeRequest chargeFor(OrderId orderId, Money amount) {
        return new ChargeRequest(paymentOf(orderId), orderId, amount);
    }

    private static RefundRequest refundOf(OrderId orderId, Money amount) {
        return new RefundRequest(paymentOf(orderId), amount);
    }

    private static PaymentId paymentOf(OrderId orderId) {
        return PaymentId.forOrder(orderId);
    }
}
