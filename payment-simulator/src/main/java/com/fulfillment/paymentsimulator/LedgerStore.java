package com.fulfillment.paymentsimulator;

import com.fulfillment.paymentsimulator.SimulatedProvider.Charge;
import com.fulfillment.paymentsimulator.SimulatedProvider.Refund;
import java.util.List;

/**
 * Where the simulated provider keeps its books. A real provider does not forget a charge when its client
 * crashes, so wherever the simulator stands in for one across restarts its ledger is kept in a database
 * ({@link H2LedgerStore}); {@link #inMemory()} forgets everything with the process, for tests and demos.
 * Each write is committed before it returns, so the provider answers only with what it will still know.
 */
public interface LedgerStore extends AutoCloseable {

    /** Everything kept so far, to answer repeated requests after a restart. */
    Books load();

    /** Keeps a charge just made (captured or declined) under its idempotency key. */
    void charged(Charge charge);

    /** Keeps a refund just made under the key of the charge it gives back. */
    void refunded(Refund refund);

    @Override
    void close();

    /** A ledger that lives only as long as the process. */
    static LedgerStore inMemory() {
        return new LedgerStore() {
            @Override
            public Books load() {
                return new Books(List.of(), List.of());
            }

            @Override
            public void charged(Charge charge) {
                // The provider's own maps are the whole ledger.
            }

            @Override
            public void refunded(Refund refund) {
                // The provider's own maps are the whole ledger.
            }

            @Override
            public void close() {
                // Nothing to release.
            }
        };
    }

    /** The charges and refunds a ledger holds. */
    record Books(List<Charge> charges, List<Refund> refunds) {}
}
