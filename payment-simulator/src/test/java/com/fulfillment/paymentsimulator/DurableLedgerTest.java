package com.fulfillment.paymentsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fulfillment.paymentsimulator.SimulatedProvider.Charge;
import com.fulfillment.paymentsimulator.SimulatedProvider.ChargeOutcome;
import com.fulfillment.paymentsimulator.SimulatedProvider.RefundOutcome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider does not forget: a new simulator on the same ledger database answers as the one before it. */
class DurableLedgerTest {

    private static final BigDecimal AMOUNT = new BigDecimal("59.90");

    @TempDir
    Path dataDir;

    private LedgerStore open;

    @AfterEach
    void closeLedger() {
        if (open != null) {
            open.close();
        }
    }

    @Test
    void aChargeMadeBeforeARestartCanBeRefundedAfterIt() {
        Charge charged = beforeRestart(provider -> provider.charge("payment-order-1", "order-1", AMOUNT, "EUR")).charge();

        RefundOutcome refund = restarted().refund("payment-order-1", AMOUNT, "EUR");

        assertThat(refund).isInstanceOfSatisfying(RefundOutcome.Made.class, made -> {
            assertThat(made.replayed()).isFalse();
            assertThat(made.refund().chargeId()).isEqualTo(charged.chargeId());
            assertThat(made.refund().amount()).isEqualTo(AMOUNT);
        });
    }

    @Test
    void aKeyUsedBeforeARestartIsAnsweredWithItsFirstChargeAfterIt() {
        Charge charged = beforeRestart(provider -> provider.charge("payment-order-1", "order-1", AMOUNT, "EUR")).charge();

        SimulatedProvider restarted = restarted();
        ChargeOutcome repeat = restarted.charge("payment-order-1", "order-1", AMOUNT, "EUR");

        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.charge()).isEqualTo(charged);
        assertThat(restarted.findCharge("payment-order-1")).contains(charged);
        assertThat(restarted.ledger().charges()).containsExactly(charged);
    }

    @Test
    void aDeclineMadeBeforeARestartIsDeclinedAgainAfterIt() {
        beforeRestart(provider -> {
            provider.change(new FaultChanges(null, null, null, null, null, null, null, Set.of("order-9"), null));
            return provider.charge("payment-order-9", "order-9", AMOUNT, "EUR");
        });

        ChargeOutcome repeat = restarted().charge("payment-order-9", "order-9", AMOUNT, "EUR");

        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.charge().status()).isEqualTo(SimulatedProvider.DECLINED);
    }

    @Test
    void aRefundMadeBeforeARestartIsNotMadeTwice() {
        RefundOutcome.Made first = (RefundOutcome.Made) beforeRestart(provider -> {
            provider.charge("payment-order-1", "order-1", AMOUNT, "EUR");
            return provider.refund("payment-order-1", AMOUNT, "EUR");
        });

        SimulatedProvider restarted = restarted();
        RefundOutcome repeat = restarted.refund("payment-order-1", AMOUNT, "EUR");

        assertThat(repeat).isEqualTo(new RefundOutcome.Made(first.refund(), true));
        assertThat(restarted.ledger().refunds()).containsExactly(first.refund());
    }

    @Test
    void idsGivenAfterARestartFollowThoseGivenBefore() {
        Charge before = beforeRestart(provider -> provider.charge("payment-order-1", "order-1", AMOUNT, "EUR")).charge();

        Charge after = restarted().charge("payment-order-2", "order-2", AMOUNT, "EUR").charge();

        assertThat(after.chargeId()).isNotEqualTo(before.chargeId()).isEqualTo("ch_2");
    }

    @Test
    void aLedgerInMemoryForgetsEverythingWithTheProcess() {
        new SimulatedProvider(Faults.none(), Clock.systemUTC()).charge("payment-order-1", "order-1", AMOUNT, "EUR");

        RefundOutcome refund = new SimulatedProvider(Faults.none(), Clock.systemUTC())
                .refund("payment-order-1", AMOUNT, "EUR");

        assertThat(refund).isEqualTo(new RefundOutcome.Refused(404, "no captured charge under payment-order-1"));
    }

    /** Runs {@code before} on a provider whose ledger is then closed, as a process that ends would leave it. */
    private <T> T beforeRestart(Function<SimulatedProvider, T> before) {
        try (LedgerStore store = ledger()) {
            return before.apply(new SimulatedProvider(Faults.none(), Clock.systemUTC(), store));
        }
    }

    private SimulatedProvider restarted() {
        open = ledger();
        return new SimulatedProvider(Faults.none(), Clock.systemUTC(), open);
    }

    private H2LedgerStore ledger() {
        return new H2LedgerStore("jdbc:h2:file:" + dataDir.resolve("payment-simulator") + ";WRITE_DELAY=0");
    }
}
