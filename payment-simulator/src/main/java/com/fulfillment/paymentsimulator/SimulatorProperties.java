package com.fulfillment.paymentsimulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulator's faults at start ({@code payment-simulator.*}); each can be changed while it runs through
 * {@code /simulator/admin}.
 *
 * @param enabled       whether the simulator's endpoints are served at all
 * @param latency       added to every request before it is answered
 * @param errorRate     share of requests (0..1) answered with {@code errorStatus} before anything is done
 * @param errorStatus   the 5xx status of an injected error
 * @param timeoutRate   share of charges (0..1) that are made but whose answer is held back for {@code timeoutDelay}
 * @param timeoutDelay  how long a held-back answer waits, longer than any sensible client timeout
 * @param down          hard-down switch: every request is answered 503 at once
 * @param declineAbove  charges of more than this amount are declined; null for no limit
 * @param declineOrders orders whose charges are declined
 * @param declineRate   share of other charges (0..1) declined at random
 * @param ledgerUrl     H2 JDBC URL of the database that keeps charges, refunds and idempotency keys across
 *                      restarts; empty for a ledger in memory that a restart forgets
 */
@ConfigurationProperties("payment-simulator")
public record SimulatorProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0ms") Duration latency,
        @DefaultValue("0") double errorRate,
        @DefaultValue("500") int errorStatus,
        @DefaultValue("0") double timeoutRate,
        @DefaultValue("10s") Duration timeoutDelay,
        @DefaultValue("false") boolean down,
        BigDecimal declineAbove,
        @DefaultValue Set<String> declineOrders,
        @DefaultValue("0") double declineRate,
        String ledgerUrl) {

    Faults faults() {
        return new Faults(latency, errorRate, errorStatus, timeoutRate, timeoutDelay, down, declineAbove,
                          declineOrders, declineRate);
    }
}
