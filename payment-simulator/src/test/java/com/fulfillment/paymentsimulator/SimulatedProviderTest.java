package com.fulfillment.paymentsimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fulfillment.paymentsimulator.SimulatedProvider.Admission;
import com.fulfillment.paymentsimulator.SimulatedProvider.ChargeOutcome;
import com.fulfillment.paymentsimulator.SimulatedProvider.RefundOutcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulatedProviderTest {

    private static final BigDecimal AMOUNT = new BigDecimal("59.90");

    private final SimulatedProvider provider = new SimulatedProvider(Faults.none(), Clock.systemUTC());

    @Test
    void chargeIsCapturedOnceAndARepeatUnderTheSameKeyGetsTheSameCharge() {
        ChargeOutcome first = provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");
        ChargeOutcome repeat = provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");

        assertThat(first.replayed()).isFalse();
        assertThat(first.charge().status()).isEqualTo(SimulatedProvider.CAPTURED);
        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.charge()).isEqualTo(first.charge());
        assertThat(provider.ledger().charges()).hasSize(1);
    }

    @Test
    void concurrentChargesUnderOneKeyCaptureOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<ChargeOutcome>> outcomes = new ArrayList<>();
            Callable<ChargeOutcome> charge = () -> provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");
            for (int i = 0; i < 32; i++) {
                outcomes.add(threads.submit(charge));
            }
            long made = 0;
            for (Future<ChargeOutcome> outcome : outcomes) {
                made += outcome.get().replayed() ? 0 : 1;
            }
            assertThat(made).isEqualTo(1);
            assertThat(provider.ledger().charges()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void keyReusedForAnotherAmountIsAConflict() {
        provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");

        assertThatThrownBy(() -> provider.charge("payment-order-1", "order-1", new BigDecimal("1.00"), "EUR"))
                .isInstanceOf(SimulatedProvider.KeyConflictException.class)
                .hasMessageContaining("was used for order order-1 and 59.90 EUR");
    }

    @Test
    void chargesAboveTheLimitOrForListedOrdersAreDeclinedAndTheDeclineIsKept() {
        provider.change(changes().declineAbove(new BigDecimal("50.00")).declineOrders(Set.of("order-9")).build());

        ChargeOutcome aboveLimit = provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");
        ChargeOutcome listed = provider.charge("payment-order-9", "order-9", BigDecimal.ONE, "EUR");
        provider.resetFaults();

        assertThat(aboveLimit.charge().status()).isEqualTo(SimulatedProvider.DECLINED);
        assertThat(aboveLimit.charge().declineReason()).contains("exceeds the card limit of 50.00");
        assertThat(listed.charge().declineReason()).isEqualTo("card declined for order order-9");
        assertThat(provider.charge("payment-order-1", "order-1", AMOUNT, "EUR").charge().status())
                .as("a repeat is declined again, whatever the rules are now")
                .isEqualTo(SimulatedProvider.DECLINED);
    }

    @Test
    void hardDownRefusesAndAnErrorRateOfOneAnswersEveryRequestWithTheError() throws InterruptedException {
        provider.change(changes().down(true).build());
        assertThat(provider.admit()).isEqualTo(Admission.DOWN);

        provider.change(changes().down(false).errorRate(1.0).build());
        assertThat(provider.admit()).isEqualTo(Admission.ERROR);

        provider.resetFaults();
        assertThat(provider.admit()).isEqualTo(Admission.PROCEED);
        assertThat(provider.ledger().refusedWhileDown()).isEqualTo(1);
        assertThat(provider.ledger().injectedErrors()).isEqualTo(1);
    }

    @Test
    void addedLatencyIsSleptBeforeTheRequestIsHandled() throws InterruptedException {
        provider.change(changes().latencyMillis(200L).build());

        long started = System.nanoTime();
        provider.admit();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void heldBackAnswerWaitsForTheTimeoutDelay() throws InterruptedException {
        provider.change(changes().timeoutRate(1.0).timeoutDelayMillis(100L).build());

        long started = System.nanoTime();
        assertThat(provider.holdBackAnswer()).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(provider.ledger().heldBackAnswers()).isEqualTo(1);
    }

    @Test
    void capturedChargeIsRefundedOnceUnderItsKey() {
        provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");

        RefundOutcome first = provider.refund("payment-order-1", AMOUNT, "EUR");
        RefundOutcome repeat = provider.refund("payment-order-1", AMOUNT, "EUR");

        assertThat(first).isInstanceOf(RefundOutcome.Made.class);
        assertThat(((RefundOutcome.Made) first).replayed()).isFalse();
        assertThat(((RefundOutcome.Made) repeat).replayed()).isTrue();
        assertThat(provider.ledger().refunds()).hasSize(1);
    }

    @Test
    void refundWithoutACapturedChargeOrOfMoreThanWasCapturedIsRefused() {
        provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");

        assertThat(provider.refund("payment-order-2", AMOUNT, "EUR"))
                .isEqualTo(new RefundOutcome.Refused(404, "no captured charge under payment-order-2"));
        assertThat(provider.refund("payment-order-1", new BigDecimal("60.00"), "EUR"))
                .isEqualTo(new RefundOutcome.Refused(422, "a refund of 60.00 EUR exceeds the captured 59.90 EUR"));
        assertThat(provider.ledger().refunds()).isEmpty();
    }

    @Test
    void invalidFaultsAreRefusedAndTheOldOnesKept() {
        assertThatThrownBy(() -> provider.change(changes().errorRate(1.5).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("errorRate must be between 0 and 1, was 1.5");
        assertThatThrownBy(() -> provider.change(changes().errorStatus(404).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("errorStatus must be a 5xx status, was 404");
        assertThat(provider.faults()).isEqualTo(Faults.none());
    }

    @Test
    void ledgerCountsEveryChargeRequestPerKey() {
        provider.countChargeRequest("payment-order-1");
        provider.countChargeRequest("payment-order-1");
        provider.countChargeRequest("payment-order-2");

        assertThat(provider.ledger().chargeRequestsByKey())
                .containsEntry("payment-order-1", 2)
                .containsEntry("payment-order-2", 1);
    }

    private static ChangesBuilder changes() {
        return new ChangesBuilder();
    }

    /** Builds a partial change, every field unset unless named. */
    private static final class ChangesBuilder {
        private Long latencyMillis;
        private Double errorRate;
        private Integer errorStatus;
        private Double timeoutRate;
        private Long timeoutDelayMillis;
        private Boolean down;
        private BigDecimal declineAbove;
        private Set<String> declineOrders;

        ChangesBuilder latencyMillis(Long value) {
            latencyMillis = value;
            return this;
        }

        ChangesBuilder errorRate(Double value) {
            errorRate = value;
            return this;
        }

        ChangesBuilder errorStatus(Integer value) {
            errorStatus = value;
            return this;
        }

        ChangesBuilder timeoutRate(Double value) {
            timeoutRate = value;
            return this;
        }

        ChangesBuilder timeoutDelayMillis(Long value) {
            timeoutDelayMillis = value;
            return this;
        }

        ChangesBuilder down(Boolean value) {
            down = value;
            return this;
        }

        ChangesBuilder declineAbove(BigDecimal value) {
            declineAbove = value;
            return this;
        }

        ChangesBuilder declineOrders(Set<String> value) {
            declineOrders = value;
            return this;
        }

        FaultChanges build() {
            return new FaultChanges(latencyMillis, errorRate, errorStatus, timeoutRate, timeoutDelayMillis, down,
                                    declineAbove, declineOrders, null);
        }
    }
}
